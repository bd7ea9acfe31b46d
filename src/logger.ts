import pino, { type Logger } from 'pino';

/** Structured logs on stderr, so that console deliveries and CLI output own stdout. Pretty when a person is watching. */
export function createLogger(level: string): Logger {
  if (process.stderr.isTTY) {
    return pino({ level }, pino.transport({ target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } }));
  }
  return pino({ level }, pino.destination(2));
}
