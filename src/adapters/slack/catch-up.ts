import { ErrorCode, type WebClient } from '@slack/web-api';
import { completeInbound, failInbound, recordInbound } from '../../core/inbound/inbound-log.js';
import { recordCatchUpPosition, sourceCursors, type SourceCursor } from '../../core/sources/source-cursor.js';
import { feedbackMessage, MESSAGE_KIND, messageKey, type MessageEvent } from './listeners/message-listener.js';
import type { SlackDeps } from './slack-deps.js';
import { fromMicros, micros } from './slack-ts.js';

const PAGE = 200;
/** At most this many history calls per channel and run, so that a week-long outage cannot hold a run for hours. */
const MAX_REQUESTS = 25;
/** 429s in a row on one page before the channel is left for the next run. */
const MAX_WAITS = 5;
/** A run that stopped at its limit is followed by another after this pause, which resumes where it stopped. */
export const CONTINUE_AFTER_MS = 60_000;
/** A window ending this close to now is read to the present instead: clocks differ, and Slack's is the one that counts. */
const PRESENT_MARGIN_MICROS = 60_000_000;

export interface CatchUpOptions {
  /** Reads history; rate-limited calls must be rejected (not waited on inside the client), so this code waits. */
  client: WebClient;
  /** How to wait out a 429's Retry-After (a timer that stop() cuts short, by default); tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** History calls per channel and run (MAX_REQUESTS); tests lower it to reach the limit with a few hundred messages. */
  maxRequests?: number;
}

/**
 * Slack does not replay what it could not deliver while Liaison was down or Socket Mode was reconnecting. After a
 * start or a reconnect, this reads each source channel's history since the last message captured there (or, with
 * none yet, since Liaison started watching it) and captures what is missing, through the same path as a live event:
 * the (channel, ts) key makes a message captured once, however it arrives.
 *
 * Oldest first, always: Slack pages history newest first, so the gap is read as a series of time windows moving
 * forward, each small enough to come back in one page (a window that does not is narrowed, to the density its page
 * showed, and read again). A run makes at most MAX_REQUESTS calls per channel; one that stops there records how far
 * it read (sources.catch_up_from), and the next run resumes from there — another one CONTINUE_AFTER_MS later, and
 * every start or reconnect — even though live messages have moved the channel's cursor on meanwhile. One run at a
 * time; a trigger during a run runs once more after it.
 */
export class SlackCatchUp {
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private wake: (() => void) | undefined;

  private readonly maxRequests: number;

  constructor(private readonly deps: SlackDeps, private readonly options: CatchUpOptions) {
    this.maxRequests = options.maxRequests ?? MAX_REQUESTS;
  }

  trigger(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resolves when no run is going on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.idle();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const { unfinished } = await this.run().catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'slack catch-up failed');
        return { unfinished: 0 };
      });
      if (unfinished > 0 && !this.stopping) {
        await this.pause(CONTINUE_AFTER_MS);
        this.again = true;
      }
    } while (this.again && !this.stopping);
  }

  /** One pass over every source channel; `unfinished` counts the channels it left at their limit. */
  async run(): Promise<{ fetched: number; unfinished: number }> {
    let fetched = 0;
    let unfinished = 0;
    for (const cursor of await sourceCursors(this.deps.ctx.db, 'slack')) {
      if (this.stopping) break;
      if (!this.deps.sources.has(cursor.externalId)) continue;
      try {
        const result = await this.channel(cursor);
        fetched += result.captured;
        if (!result.finished) unfinished += 1;
      } catch (error) {
        this.deps.logger.warn({ channel: cursor.externalId, err: error }, 'could not catch up a slack channel; the next start or reconnect tries again');
      }
    }
    if (fetched > 0) this.deps.logger.info({ fetched }, 'caught up with slack messages posted while away');
    return { fetched, unfinished };
  }

  private async channel(cursor: SourceCursor): Promise<{ captured: number; finished: boolean }> {
    const channel = cursor.externalId;
    // Everything up to `from` has been read; a window is (from, to], or (from, present] when `to` is Infinity.
    let from = micros(cursor.catchUpFrom ?? cursor.lastMessageId ?? `${Math.floor(cursor.watchedSince.getTime() / 1000)}.000000`);
    let window = Infinity;
    // Right after a page that did not hold its window, the next window ends before a message Slack has: never
    // beyond the present, whatever our clock says. Otherwise a window reaching near now is read to the present.
    let narrowed = false;
    let captured = 0;
    let recorded = cursor.catchUpFrom !== null;
    for (let requests = 0; requests < this.maxRequests && !this.stopping; requests += 1) {
      const to = !narrowed && from + window >= micros(this.deps.ctx.clock.now()) - PRESENT_MARGIN_MICROS ? Infinity : from + window;
      const page = await this.withRateLimit(() => this.options.client.conversations.history({
        channel, oldest: fromMicros(from + 1), inclusive: true, limit: PAGE, ...(to === Infinity ? {} : { latest: fromMicros(to) }),
      }));
      const messages = ((page.messages ?? []) as MessageEvent[]).filter((m) => typeof m.ts === 'string');
      if (page.has_more) {
        // More than a page in the window, and this page holds only its newest: aim for three quarters of a page at
        // the density it shows, and always at most half the window, so that the window shrinks every time.
        const seen = messages.map((m) => micros(m.ts as string));
        const newest = to === Infinity ? Math.max(from + 2, ...seen) : to;
        const span = seen.length > 1 ? newest - Math.min(...seen) : newest - from;
        window = Math.max(1, Math.min(Math.floor((newest - from) / 2), Math.floor(span * 0.75)));
        narrowed = true;
        continue;
      }
      narrowed = false;
      const said = messages.map((m) => ({ ...m, channel })).flatMap((m) => feedbackMessage(this.deps, m) ?? []).sort((a, b) => micros(a.ts) - micros(b.ts));
      for (const payload of said) {
        if (this.stopping) break;
        await this.capture(payload);
      }
      captured += said.length;
      if (this.stopping) break;
      if (to === Infinity) {
        if (recorded) await recordCatchUpPosition(this.deps.ctx.db, 'slack', channel, null);
        return { captured, finished: true };
      }
      from = to;
      await recordCatchUpPosition(this.deps.ctx.db, 'slack', channel, fromMicros(from));
      recorded = true;
      // Quiet stretches are crossed quickly: the emptier the window, the more the next one grows.
      window *= messages.length === 0 ? 8 : messages.length < PAGE / 4 ? 4 : messages.length < PAGE / 2 ? 2 : 1;
    }
    this.deps.logger.warn({ channel, readUpTo: fromMicros(from), captured }, 'slack catch-up stopped at its limit for this run; the next one resumes where it stopped');
    return { captured, finished: false };
  }

  /** Stored, then captured at once, in order; a failure stays in the inbound log for the retry job. */
  private async capture(payload: NonNullable<ReturnType<typeof feedbackMessage>>): Promise<void> {
    const { db, clock } = this.deps.ctx;
    const key = messageKey(payload);
    if ((await recordInbound(db, { key, kind: MESSAGE_KIND, payload: { ...payload }, platform: 'slack' }, clock.now())) === 'duplicate') return;
    try {
      await this.deps.handlers.get(MESSAGE_KIND)?.({ ...payload });
      await completeInbound(db, key, clock.now());
    } catch (error) {
      await failInbound(db, key, error);
      this.deps.logger.warn({ key, err: error }, 'caught-up slack message failed; the retry job will try again');
    }
  }

  private async withRateLimit<T>(call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits += 1) {
      try {
        return await call();
      } catch (error) {
        const limited = (error as { code?: string; retryAfter?: number }).code === ErrorCode.RateLimitedError;
        if (!limited || waits >= MAX_WAITS) throw error;
        const seconds = (error as { retryAfter: number }).retryAfter;
        this.deps.logger.info({ retryAfter: seconds }, 'slack asked the catch-up to wait');
        await this.pause(seconds * 1000);
        if (this.stopping) throw new Error('slack catch-up stopped while waiting out a rate limit', { cause: error });
      }
    }
  }

  /** Waits (a timer, or the tests' sleep); stop() cuts any wait short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.options.sleep ? undefined : setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      void this.options.sleep?.(ms).then(resolve);
    });
  }
}
