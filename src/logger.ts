import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

/** Structured logs on stderr, so that console deliveries and CLI output own stdout. Pretty when a person is watching. */
export function createLogger(level: string): Logger {
  if (process.stderr.isTTY && prettyInstalled()) {
    return pino({ level }, pino.transport({ target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } }));
  }
  return pino({ level }, pino.destination(2));
}

/** pino-pretty is a development dependency: a production install logs JSON even on a terminal. */
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
