import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface Job {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Ticks once a minute and runs every job in turn. Jobs decide for themselves what is due from the database, so a
 * missed tick, a restart or a second instance changes nothing: the next tick catches up, and unique keys stop
 * anything from happening twice.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly jobs: Job[], private readonly logger: Logger, private readonly timezone: string) {}

  /** Runs all jobs now (used at start, to catch up after downtime) and then every minute. */
  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule('* * * * *', () => this.tick(), { timezone: this.timezone, noOverlap: true, name: 'liaison-scheduler' });
  }

  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const job of this.jobs) {
        try {
          await job.run();
        } catch (error) {
          this.logger.error({ job: job.name, err: error }, 'scheduled job failed; it will run again on the next tick');
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
  }
}
