import type { Logger } from 'pino';

/**
 * Work done after Slack has its acknowledgement. At most `concurrency` tasks run at once, so that a burst of
 * captures cannot take every database connection from the listeners, which must store the next request and answer
 * Slack within 3 s; the rest wait in line (each is in the inbound log already, so a crash loses none). Each task is
 * tracked, so that shutdown (and a test) can wait for what is still running; a failure is logged here, since
 * nobody awaits the task.
 */
export class BackgroundWork {
  private readonly queue: { label: string; task: () => Promise<void> }[] = [];
  private active = 0;
  private drained: (() => void)[] = [];

  constructor(private readonly logger: Logger, private readonly concurrency = 4) {}

  run(label: string, task: () => Promise<void>): void {
    this.queue.push({ label, task });
    this.next();
  }

  /** How many tasks are waiting for a turn (for metrics and logs). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once nothing is running or waiting, including tasks started by tasks. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private next(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const { label, task } = this.queue.shift() as { label: string; task: () => Promise<void> };
      this.active += 1;
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => this.logger.error({ err: error, task: label }, 'slack background task failed'))
        .finally(() => {
          this.active -= 1;
          this.next();
          if (this.active === 0 && this.queue.length === 0) for (const resolve of this.drained.splice(0)) resolve();
        });
    }
  }
}
