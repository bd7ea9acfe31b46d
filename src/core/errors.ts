/**
 * An expected failure the user should see as-is ("Only Product members can resolve this"). Anything else thrown is a
 * bug or an outage: logged with context, shown to the user as a short generic message.
 */
export type DomainErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'not_permitted'
  | 'already_done'
  | 'invalid_transition'
  | 'unknown_source'
  | 'not_captured';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
