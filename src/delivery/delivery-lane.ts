import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { timeSlices } from '../core/time-slices.js';
import type { Db } from '../db/client.js';
import type { DeliveryKind } from '../db/schema/delivery.js';
import { PermanentDeliveryError, RetryableDeliveryError, type ChatPort, type OutboundMessage } from './chat-port.js';
import { contentsFor } from './content-for.js';
import { replyThreads, type ReplyThread } from './reply-threads.js';
import type { DeliveryContent } from './content.js';
import { markFailed, markRetry, markRetryMany, markSentMany, renewLease, type ClaimedRow } from './outbox-store.js';
import type { RateBuckets, RateLimit } from './rate-buckets.js';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.js';

export interface DeliveryObserver {
  sent(platform: string, kind: string): void;
  retried(platform: string, kind: string): void;
  failed(platform: string, kind: string): void;
}

export interface LaneDeps {
  db: Db;
  config: LiaisonConfig;
  clock: Clock;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  observer?: DeliveryObserver;
  leaseMs: number;
  /** A minimum gap per channel for a port that declares no limits of its own (ms; 0 or absent: none). */
  pacingMs?: number;
  /** The worker is shutting down: send nothing more, give the rest back. */
  stopping: () => boolean;
}

/** Unlimited targets (the console) are drawn this many at a time, their cards in one go. */
const CHUNK = 200;
/**
 * Longest a lane sends back to back before it gives the event loop a turn (ms). A console helping of 200 cards is
 * about 150 ms of CPU: in one go, intake answers waited behind it.
 */
const SLICE_MS = 5;
/** A claim this close to its lease's end is given back rather than sent: another worker may be about to take it. */
const LEASE_MARGIN_MS = 5_000;
/** How many deliveries a paced lane draws ahead: about ten seconds of a channel's pace, as many as a claim takes. */
const DRAW_AHEAD = 10;
/**
 * An edit or a notice waiting longer than this for its method's budget (paused by a 429) is put aside for the
 * channel's posts: longer than the waits of a steady pace (a token a second or so), so that only a pause does it.
 */
const ASIDE_WAIT_MS = 2_000;
/** Neither adds to the channel's timeline (an edit in place, a notice one person sees), so posts may pass them. */
const isAside = (row: ClaimedRow) => row.kind === 'card_update' || row.kind === 'notice';

/**
 * One channel's claimed deliveries, sent in order at the pace its platform allows. A 429 pauses the bucket it named
 * and sends this channel's rest back to the outbox for then; other lanes only wait if they share that bucket.
 */
export class DeliveryLane {
  private readonly sent: { id: number; attempt: number; messageId: string; row: ClaimedRow }[] = [];

  constructor(private readonly deps: LaneDeps, private readonly port: ChatPort | undefined, private readonly buckets: RateBuckets | undefined) {}

  async send(queue: ClaimedRow[]): Promise<void> {
    try {
      await this.sendAll(queue);
    } finally {
      await this.flush();
    }
  }

  private async sendAll(claimed: ClaimedRow[]): Promise<void> {
    const { clock, sleep } = this.deps;
    let queue = claimed;
    const limited = this.limitsOf(queue[0] as ClaimedRow).length > 0;
    /** What the next deliveries look like, drawn ahead while waiting for the rate limit. */
    let drawn = new Map<number, DeliveryContent | Error>();
    for (let start = 0; start < queue.length;) {
      if (await this.renewIfHalfGone(queue.slice(start))) {
        // A delivery whose lease ran out meanwhile was taken back: its new holder sends it.
        const rest = queue.slice(start).filter((row) => this.held?.has(row.id));
        queue = [...queue.slice(0, start), ...rest];
        if (start >= queue.length) return;
      }
      const chunk = queue.slice(start, start + (limited ? 1 : CHUNK));
      const head = chunk[0] as ClaimedRow;
      const limits = this.limitsOf(head);
      const wait = this.buckets?.waitMs(limits, clock.now().getTime()) ?? 0;
      if (this.deps.stopping() || clock.now().getTime() + wait > head.locked_until.getTime() - LEASE_MARGIN_MS) {
        await this.giveBack(queue.slice(start), new Date(clock.now().getTime() + wait), this.deps.stopping() ? 'the worker stopped before sending it' : 'waiting for the rate limit');
        return;
      }
      if (!chunk.every((row) => drawn.has(row.id))) {
        // A paced lane draws what it will send in the next seconds at once (a fixed number of queries for all its
        // cards), so that sending one is only the call; a card that changes meanwhile gets its update right after.
        const ahead = limited ? queue.slice(start, start + DRAW_AHEAD) : chunk;
        drawn = await contentsFor(this.deps.db, this.deps.config, ahead, clock.now());
        this.threads = await replyThreads(this.deps.db, ahead);
        continue;
      }
      if (wait > 0) {
        // The bookkeeping is done while waiting, so that the token is spent the moment it is there.
        if (this.sent.length > 0) {
          await this.flush();
          continue;
        }
        if (wait > ASIDE_WAIT_MS && isAside(head) && queue.slice(start + 1).some((row) => !isAside(row))) {
          // An edit or a private notice whose method is paused (another channel's 429) does not hold this channel's
          // posts: it waits in the outbox for its budget, and the posts go on.
          await this.giveBack([head], new Date(clock.now().getTime() + wait), 'waiting for the rate limit');
          queue = [...queue.slice(0, start), ...queue.slice(start + 1)];
          continue;
        }
        await sleep(wait);
        continue;
      }
      const contents = drawn;
      let sentHere = chunk.length;
      const turn = timeSlices(SLICE_MS);
      for (const [index, row] of chunk.entries()) {
        // In order all the same: the next delivery of this channel waits for the turn; a stop meanwhile gives the
        // rest back (at the loop's head).
        if ((await turn()) && this.deps.stopping()) {
          sentHere = index;
          break;
        }
        const spent = this.limitsOf(row);
        this.buckets?.take(spent, clock.now().getTime());
        const backOff = await this.sendOne(row, contents.get(row.id));
        this.buckets?.answered(spent, clock.now().getTime());
        if (backOff) {
          // The platform said "wait" for one bucket: what spends from it waits in the outbox until then, without
          // spending attempts (all of the queue when the bucket is unknown); the rest of the channel's queue goes on.
          const rest = [...chunk.slice(index + 1), ...queue.slice(start + chunk.length)];
          const held = rest.filter((r) => !backOff.paused || this.limitsOf(r).some((l) => l.key === backOff.paused?.key));
          await this.giveBack(held, backOff.until, 'waiting for the rate limit');
          queue = [...queue.slice(0, start + index + 1), ...rest.filter((r) => !held.includes(r))];
          sentHere = index + 1;
          break;
        }
      }
      start += sentHere;
    }
  }

  private limitsOf(row: ClaimedRow): RateLimit[] {
    if (!this.buckets) return [];
    if (this.port?.limits) return this.port.limits({ kind: row.kind as DeliveryKind, channelId: row.channel_id, retry: row.attempts > 1, inThread: row.parent_message_id !== null || row.thread_id !== null, ...this.threadsOf(row), payload: row.payload });
    const gap = this.deps.pacingMs ?? 0;
    return gap > 0 ? [{ key: `paced:${row.platform}:${row.channel_id}`, scope: 'channel', perSecond: 1000 / gap, burst: 1, ownLane: true }] : [];
  }

  /**
   * The thread a delivery goes in and the one the message it edits is in: what the port is told when sending, and
   * what its limits are keyed by (on Discord a thread is a channel with its own route buckets). Known once drawn.
   */
  private threadsOf(row: ClaimedRow): { threadId: string | null; editsInThreadId: string | null } {
    const found = this.threads.get(row.id);
    return { threadId: found?.parentThread ?? row.parent_message_id ?? row.thread_id, editsInThreadId: found?.editsThread ?? null };
  }

  private held: Set<number> | undefined;
  /** Replies and edits of messages that are themselves replies, for the deliveries drawn. */
  private threads = new Map<number, ReplyThread>();

  /**
   * A slow platform can make a channel's queue outlast the lease taken at claim time: the lease on what is left is
   * renewed whenever half of it has gone. Returns whether it was (and `held` says which rows are still ours).
   */
  private async renewIfHalfGone(rest: ClaimedRow[]): Promise<boolean> {
    const { clock, leaseMs } = this.deps;
    const now = clock.now().getTime();
    const leasedUntil = Math.min(...rest.map((r) => r.locked_until.getTime()));
    if (now < leasedUntil - leaseMs / 2) return false;
    await this.flush();
    const until = new Date(now + leaseMs);
    this.held = await renewLease(this.deps.db, rest.map(({ id, attempts }) => ({ id, attempts })), until);
    for (const row of rest) row.locked_until = until;
    return true;
  }

  /** Returns when to try again and the bucket paused until then, when the platform said to wait. */
  private async sendOne(row: ClaimedRow, content: DeliveryContent | Error | undefined): Promise<{ until: Date; paused: RateLimit | undefined } | undefined> {
    const { db, clock, logger, observer } = this.deps;
    try {
      if (!this.port) throw new RetryableDeliveryError(`no ${row.platform} port in this process`);
      if (content === undefined || content instanceof Error) throw content ?? new Error(`no content for delivery ${row.id}`);
      const message: OutboundMessage = {
        id: row.id,
        key: row.key,
        platform: row.platform,
        channelId: row.channel_id,
        ...this.threadsOf(row),
        editsMessageId: row.edits_message_id,
        attempt: row.attempts,
        content,
      };
      const { messageId } = await this.port.deliver(message);
      this.sent.push({ id: row.id, attempt: row.attempts, messageId, row });
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentDeliveryError || row.attempts >= MAX_ATTEMPTS) {
        await markFailed(db, row.id, row.attempts, reason);
        observer?.failed(row.platform, row.kind);
        logger.error({ deliveryId: row.id, key: row.key, platform: row.platform, attempts: row.attempts, err: error }, 'delivery failed for good');
        return undefined;
      }
      const retryAfterMs = error instanceof RetryableDeliveryError ? error.retryAfterMs : undefined;
      // A rate limit is the platform pacing Liaison, not the message failing: wait as long as it says, no longer, so
      // that a storm of 429s does not grow the backoff. The attempt still counts: a multi-part message may have been
      // partly posted, and a later attempt must look for what is already there.
      const next = new Date(clock.now().getTime() + (retryAfterMs ?? retryDelayMs(row.attempts, undefined)));
      const paused = retryAfterMs === undefined ? undefined : this.pause(row, (error as RetryableDeliveryError).scope, next);
      await markRetry(db, row.id, row.attempts, next, reason);
      observer?.retried(row.platform, row.kind);
      logger.warn({ deliveryId: row.id, key: row.key, platform: row.platform, attempt: row.attempts, retryAt: next.toISOString(), reason, bucket: paused?.key }, 'delivery will be retried');
      return retryAfterMs === undefined ? undefined : { until: next, paused };
    }
  }

  /** Pauses the bucket the 429 named (by scope), or the delivery's most specific one. */
  private pause(row: ClaimedRow, scope: string | undefined, until: Date): RateLimit | undefined {
    const limits = this.limitsOf(row);
    const limit = limits.find((l) => l.scope === scope) ?? limits[0];
    if (limit) this.buckets?.pause(limit, until.getTime());
    return limit;
  }

  private async giveBack(rows: ClaimedRow[], at: Date, reason: string): Promise<void> {
    await this.flush();
    await markRetryMany(this.deps.db, rows.map((r) => ({ id: r.id, attempt: r.attempts })), at, reason);
  }

  /** Settles what was sent in one statement: before waiting, and at the end of the lane. */
  private async flush(): Promise<void> {
    if (this.sent.length === 0) return;
    const done = this.sent.splice(0);
    await markSentMany(this.deps.db, done, this.deps.clock.now());
    for (const { row } of done) this.deps.observer?.sent(row.platform, row.kind);
  }
}
