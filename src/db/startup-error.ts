/**
 * A problem an operator can act on, found while opening the database (the embedded server did not start, the
 * database cannot be reached, Liaison is already running): printed as its one-line message, never with a stack.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** One line out of a multi-line message from a server or a library: whitespace runs folded, long text cut. */
export function oneLine(text: string, max = 300): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max - 1)}…` : folded;
}
