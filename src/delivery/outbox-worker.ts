import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { withinDeadline } from '../db/availability.js';
import type { Db } from '../db/client.js';
import type { DeliveryPlatform } from '../db/schema/delivery.js';
import { BurstCondenser } from './burst-condenser.js';
import type { ChatPort } from './chat-port.js';
import { DeliveryLane, type DeliveryObserver } from './delivery-lane.js';
import { claimDue, skipOrphans, type ClaimedRow, type LaneCaps } from './outbox-store.js';
import { RateBuckets } from './rate-buckets.js';

export type { DeliveryObserver } from './delivery-lane.js';

export interface ChatPorts {
  slack?: ChatPort;
  discord?: ChatPort;
  /** Also stands in for a platform without credentials, so nothing is lost when running locally. */
  console: ChatPort;
  /** Teams' issue trackers and outbound webhook receivers: never stood in for by the console. */
  tracker?: ChatPort;
  webhook?: ChatPort;
}

export interface OutboxWorkerOptions {
  db: Db;
  config: LiaisonConfig;
  ports: ChatPorts;
  clock: Clock;
  logger: Logger;
  /** Most deliveries one claim takes, across channels. */
  batchSize?: number;
  leaseMs?: number;
  /**
   * `0` for a platform sends to it without waiting for its rate limits (tests, the demo); another value is a minimum
   * gap per channel for a port that declares no limits of its own.
   */
  pacingMs?: Partial<Record<DeliveryPlatform, number>>;
  sleep?: (ms: number) => Promise<void>;
  observer?: DeliveryObserver;
  /** How long the loop waits for one claim (see CLAIM_DEADLINE_MS). */
  claimDeadlineMs?: number;
}

/**
 * How many deliveries of one channel a claim takes: about ten seconds at Slack's and Discord's per-channel pace, so a
 * claimed delivery is sent well inside its lease; unlimited targets take bigger helpings, drawn together.
 */
const LANE_CAPS: LaneCaps = { slack: 10, discord: 10, console: 200, tracker: 20, webhook: 20 };
const LEASE_MS = 60_000;
const BATCH_SIZE = 500;
/** Least time between claims while deliveries trickle in (see start): a small share of the lag a card may have. */
const GATHER_MS = 100;
/**
 * A claim is a few statements, each cancelled by the server after 30 s (statement_timeout). One the driver never
 * answers (postgres.js can lose a transaction's BEGIN with a connection that dies under it) would stop delivery
 * for good; past this the loop gives up on it and claims again. What such a claim took comes back with its lease.
 */
const CLAIM_DEADLINE_MS = 45_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends what the outbox holds. Each channel is a lane of its own: in order, at its platform's pace, and never waiting
 * for another channel's pace or 429. Lanes share the platform's wider budgets (a Slack method's tier, Discord's
 * global limit) through one set of rate buckets.
 */
export class OutboxWorker {
  private readonly buckets = new RateBuckets();
  private readonly lanes = new Map<string, Promise<void>>();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  private readonly laneCaps: LaneCaps;
  private readonly condenser: BurstCondenser;

  constructor(private readonly options: OutboxWorkerOptions) {
    // A chat platform without a port of its own goes to the console, so its lanes take the console's helpings.
    const { ports } = options;
    this.laneCaps = { ...LANE_CAPS, slack: ports.slack ? LANE_CAPS.slack : LANE_CAPS.console, discord: ports.discord ? LANE_CAPS.discord : LANE_CAPS.console };
    this.condenser = new BurstCondenser(options.db, options.config, options.logger, ports, options.pacingMs);
  }

  /** Claims one batch and delivers it. Returns how many deliveries were attempted. */
  async runOnce(): Promise<number> {
    const rows = await this.claim();
    await Promise.all(this.dispatch(rows));
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

  /**
   * Claims whenever a lane is free to take more, and at least every `intervalMs` for newly due deliveries. While
   * deliveries trickle in, claims are at least GATHER_MS apart, so that each takes what gathered meanwhile in one
   * statement (and its cards are drawn together) instead of one or two rows per round; a full claim (a backlog) is
   * followed by the next at once.
   */
  start(intervalMs = 250): void {
    this.stopping = false;
    const { batchSize = BATCH_SIZE, claimDeadlineMs = CLAIM_DEADLINE_MS } = this.options;
    this.loop = (async () => {
      while (!this.stopping) {
        const began = performance.now();
        let claimed = 0;
        try {
          const rows = await withinDeadline(this.claim(), claimDeadlineMs, 'outbox claim');
          claimed = rows.length;
          void this.dispatch(rows);
        } catch (error) {
          this.options.logger.error({ err: error }, 'outbox claim failed');
        }
        if (claimed < batchSize && !this.stopping) await this.pause(claimed === 0 ? intervalMs : GATHER_MS, began);
      }
    })();
  }

  /** Waits `ms`, or less when a lane frees up (`wake`), but never less than GATHER_MS after `since`, unless stopping. */
  private pause(ms: number, since: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let woken = false;
      const done = () => {
        clearTimeout(longest);
        clearTimeout(soonest);
        this.wake = undefined;
        resolve();
      };
      const longest = setTimeout(done, ms);
      const soonest = setTimeout(() => woken && done(), Math.max(0, since + GATHER_MS - performance.now()));
      this.wake = () => {
        woken = true;
        if (this.stopping || performance.now() >= since + GATHER_MS) done();
      };
    });
  }

  /** Stops claiming; each lane finishes the delivery in hand and gives the rest back to the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await Promise.all(this.lanes.values());
  }

  private async claim(): Promise<ClaimedRow[]> {
    const { db, clock, batchSize = BATCH_SIZE, leaseMs = LEASE_MS } = this.options;
    await this.condenser.beforeClaim(clock.now());
    await skipOrphans(db);
    return claimDue(db, clock.now(), batchSize, leaseMs, this.laneCaps);
  }

  /** One lane per channel; a channel whose lane is still closing gets the new rows right after it. */
  private dispatch(rows: ClaimedRow[]): Promise<void>[] {
    const byChannel = new Map<string, ClaimedRow[]>();
    for (const row of rows) {
      const channel = `${row.platform}:${row.channel_id}`;
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), row]);
    }
    return [...byChannel].map(([channel, queue]) => this.runLane(channel, queue));
  }

  private runLane(channel: string, queue: ClaimedRow[]): Promise<void> {
    const { ports, pacingMs, sleep = realSleep } = this.options;
    const first = queue[0] as ClaimedRow;
    const offChat = first.platform === 'tracker' || first.platform === 'webhook';
    const port = ports[first.platform] ?? (offChat ? undefined : ports.console);
    const buckets = pacingMs?.[first.platform] === 0 ? undefined : this.buckets;
    const lane = new DeliveryLane({ ...this.options, sleep, leaseMs: this.options.leaseMs ?? LEASE_MS, pacingMs: pacingMs?.[first.platform], stopping: () => this.stopping }, port, buckets);
    // A channel's earlier lane is waited for, but not for ever: rows of it could be claimed again only once that
    // lane's leases had run out, so by then it is stuck (on a database call never answered), not sending.
    const before = settledWithin(this.lanes.get(channel) ?? Promise.resolve(), this.options.leaseMs ?? LEASE_MS);
    const run = before
      .then(() => lane.send(queue))
      .catch((error: unknown) => this.options.logger.error({ err: error, channel }, 'delivery lane failed'))
      .finally(() => {
        if (this.lanes.get(channel) === run) this.lanes.delete(channel);
        this.wake?.();
      });
    this.lanes.set(channel, run);
    return run;
  }
}

/** Resolves when `work` settles or after `ms`, whichever comes first. */
function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work.then(() => {}, () => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
