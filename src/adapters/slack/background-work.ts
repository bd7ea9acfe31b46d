import type { Logger } from 'pino';

/**
 * Work done after Slack has its acknowledgement. Each task is tracked, so that shutdown (and a test) can wait for
 * what is still running; a failure is logged here, since nobody awaits the task.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(label: string, task: () => Promise<void>): void {
    const promise = Promise.resolve()
      .then(task)
      .catch((error: unknown) => this.logger.error({ err: error, task: label }, 'slack background task failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves once nothing is running, including tasks started by tasks. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
