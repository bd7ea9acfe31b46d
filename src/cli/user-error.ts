/**
 * A failure the person at the terminal can act on (the bot is not running, a token is missing): printed as its one
 * line, with a non-zero exit, never with a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
