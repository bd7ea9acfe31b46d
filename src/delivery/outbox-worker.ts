import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/client.js';
import type { DeliveryPlatform } from '../db/schema/delivery.js';
import { PermanentDeliveryError, RetryableDeliveryError, type ChatPort, type OutboundMessage } from './chat-port.js';
import { contentFor } from './content-for.js';
import { claimDue, markFailed, markRetry, markSent, renewLease, skipOrphans, type ClaimedRow } from './outbox-store.js';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.js';

export interface ChatPorts {
  slack?: ChatPort;
  discord?: ChatPort;
  /** Also stands in for a platform without credentials, so nothing is lost when running locally. */
  console: ChatPort;
  /** Teams' issue trackers and outbound webhook receivers: never stood in for by the console. */
  tracker?: ChatPort;
  webhook?: ChatPort;
}

export interface DeliveryObserver {
  sent(platform: string, kind: string): void;
  retried(platform: string, kind: string): void;
  failed(platform: string, kind: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  config: LiaisonConfig;
  ports: ChatPorts;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  leaseMs?: number;
  /** Minimum gap between two messages to one channel: Slack allows about one per second per channel. */
  pacingMs?: Partial<Record<DeliveryPlatform, number>>;
  sleep?: (ms: number) => Promise<void>;
  observer?: DeliveryObserver;
}

const DEFAULT_PACING = { slack: 1_000, discord: 250, console: 0, tracker: 0, webhook: 0 };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends what the outbox holds, paced per channel, retried with backoff, never twice on purpose. */
export class OutboxWorker {
  private readonly lastSent = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** Claims one batch and delivers it. Returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const { db, clock, batchSize = 25, leaseMs = 60_000 } = this.options;
    await skipOrphans(db);
    const rows = await claimDue(db, clock.now(), batchSize, leaseMs);
    const byChannel = new Map<string, ClaimedRow[]>();
    for (const row of rows) byChannel.set(`${row.platform}:${row.channel_id}`, [...(byChannel.get(`${row.platform}:${row.channel_id}`) ?? []), row]);
    // Channels in parallel, each channel in order: pacing and thread order are per channel.
    const leasedUntil = clock.now().getTime() + leaseMs;
    await Promise.all([...byChannel].map(([channel, queue]) => this.sendInOrder(channel, queue, leasedUntil, leaseMs)));
    return rows.length;
  }

  /** Delivers until nothing is due (the demo and tests use this instead of waiting on a timer). */
  async drain(maxRounds = 1_000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round += 1) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  start(intervalMs = 250): void {
    const tick = async () => {
      this.running = this.runOnce().catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox round failed'));
      await this.running;
      if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * A channel's queue goes out one message per pacing gap, and against a slow platform that can outlast the lease
   * taken at claim time: the lease on what is left is renewed whenever half of it has gone, and a row that was taken
   * back meanwhile (its lease ran out anyway) is left to the worker that took it.
   */
  private async sendInOrder(channel: string, queue: ClaimedRow[], leasedUntil: number, leaseMs: number): Promise<void> {
    const { db, clock } = this.options;
    let held: Set<number> | undefined;
    for (const [index, row] of queue.entries()) {
      if (clock.now().getTime() >= leasedUntil - leaseMs / 2) {
        leasedUntil = clock.now().getTime() + leaseMs;
        held = await renewLease(db, queue.slice(index).map(({ id, attempts }) => ({ id, attempts })), new Date(leasedUntil));
      }
      if (held && !held.has(row.id)) continue;
      const outcome = await this.sendOne(channel, row);
      if (outcome.backOffUntil) {
        // The platform asked this channel to wait: the rest of its queue waits too, without spending attempts.
        for (const rest of queue.slice(index + 1)) await markRetry(this.options.db, rest.id, rest.attempts, outcome.backOffUntil, 'waiting for the channel rate limit', { refund: true });
        return;
      }
    }
  }

  private async sendOne(channel: string, row: ClaimedRow): Promise<{ backOffUntil?: Date }> {
    const { db, config, ports, clock, logger, observer } = this.options;
    const offChat = row.platform === 'tracker' || row.platform === 'webhook';
    const port = ports[row.platform] ?? (offChat ? undefined : ports.console);
    await this.pace(channel, ports[row.platform] ? row.platform : 'console');
    try {
      if (!port) throw new RetryableDeliveryError(`no ${row.platform} port in this process`);
      const message: OutboundMessage = {
        id: row.id,
        key: row.key,
        platform: row.platform,
        channelId: row.channel_id,
        threadId: row.parent_message_id ?? row.thread_id,
        editsMessageId: row.edits_message_id,
        attempt: row.attempts,
        content: await contentFor(db, config, row, clock.now()),
      };
      const { messageId } = await port.deliver(message);
      this.lastSent.set(channel, clock.now().getTime());
      await markSent(db, row.id, row.attempts, messageId, clock.now());
      observer?.sent(row.platform, row.kind);
      return {};
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentDeliveryError || row.attempts >= MAX_ATTEMPTS) {
        await markFailed(db, row.id, row.attempts, reason);
        observer?.failed(row.platform, row.kind);
        logger.error({ deliveryId: row.id, key: row.key, platform: row.platform, attempts: row.attempts, err: error }, 'delivery failed for good');
        return {};
      }
      const retryAfterMs = error instanceof RetryableDeliveryError ? error.retryAfterMs : undefined;
      // A rate limit is the platform pacing Liaison, not the message failing: wait as long as it says, no longer,
      // and give the attempt back, so that a storm of 429s neither grows the backoff nor uses up the budget.
      const next = new Date(clock.now().getTime() + (retryAfterMs ?? retryDelayMs(row.attempts, undefined)));
      await markRetry(db, row.id, row.attempts, next, reason, { refund: retryAfterMs !== undefined });
      observer?.retried(row.platform, row.kind);
      logger.warn({ deliveryId: row.id, key: row.key, platform: row.platform, attempt: row.attempts, retryAt: next.toISOString(), reason }, 'delivery will be retried');
      return retryAfterMs === undefined ? {} : { backOffUntil: next };
    }
  }

  private async pace(channel: string, platform: DeliveryPlatform): Promise<void> {
    const gap = this.options.pacingMs?.[platform] ?? DEFAULT_PACING[platform];
    const last = this.lastSent.get(channel);
    if (last === undefined || gap === 0) return;
    const wait = last + gap - this.options.clock.now().getTime();
    if (wait > 0) await (this.options.sleep ?? realSleep)(wait);
  }
}
