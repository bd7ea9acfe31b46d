import type { Logger } from 'pino';
import { oneLine } from './startup-error.js';

/**
 * The embedded server's last log lines, kept so that a server that will not start is explained in its own words
 * (its log is otherwise shown only with LOG_LEVEL=trace).
 */
export class ServerLog {
  private readonly lines: string[] = [];

  constructor(private readonly logger: Logger, private readonly keep = 50) {}

  /** The package's `onLog`: one message may hold several lines. */
  add(message: unknown): void {
    for (const line of String(message).split('\n')) {
      if (!line.trim()) continue;
      this.lines.push(line.trim());
      this.logger.trace({ postgres: line.trim() }, 'embedded postgres');
    }
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }

  clear(): void {
    this.lines.length = 0;
  }

  mentions(pattern: RegExp): boolean {
    return this.lines.some((line) => pattern.test(line));
  }

  /** Why it stopped: its last FATAL/PANIC/ERROR line, without the timestamp prefix. */
  failure(): string {
    const reason = [...this.lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
    if (!reason) return 'it exited before it was ready (LOG_LEVEL=trace shows its log)';
    return oneLine(reason.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '$1: '));
  }
}
