/**
 * Telling "the database cannot take this now" (an outage: retry soon) apart from a bug, and bounding how long a
 * request waits for the database, so that a paused or unreachable server gives a quick 503 instead of a hang.
 */
export class DatabaseUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailable';
  }
}

/** Seconds a client is told to wait (`Retry-After`) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** postgres.js's own codes for a connection that failed, and PostgreSQL's for a server that cannot serve. */
const CLIENT_CODES = /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|EPIPE|CONNECT_TIMEOUT|CONNECTION_)/;
const SERVER_CODES = /^(08|57P0[1-3]|53300|57014)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  let current: unknown = error;
  // drizzle wraps the driver's error as `cause`.
  for (let depth = 0; current && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CLIENT_CODES.test(code) || SERVER_CODES.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Resolves as `work` does, or rejects with DatabaseUnavailable after `ms`. The work itself goes on (a statement
 * cannot be recalled once sent): whoever was waiting is answered, and idempotent work may still complete.
 */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailable(`${what}: the database did not answer within ${ms} ms`)), ms);
  });
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
