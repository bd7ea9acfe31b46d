import { ErrorCode, type WebClient } from '@slack/web-api';
import { completeInbound, failInbound, recordInbound } from '../../core/inbound/inbound-log.js';
import { sourceCursors, type SourceCursor } from '../../core/sources/source-cursor.js';
import { feedbackMessage, MESSAGE_KIND, messageKey, type MessageEvent } from './listeners/message-listener.js';
import type { SlackDeps } from './slack-deps.js';

const PAGE = 200;
/** At most this many pages (5,000 messages) per channel and run, so that a week-long outage cannot run for hours. */
const MAX_PAGES = 25;
/** 429s in a row on one page before the channel is left for the next run. */
const MAX_WAITS = 5;

export interface CatchUpOptions {
  /** Reads history; rate-limited calls must be rejected (not waited on inside the client), so this code waits. */
  client: WebClient;
  /** How to wait out a 429's Retry-After (a timer that stop() cuts short, by default); tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Slack does not replay what it could not deliver while Liaison was down or Socket Mode was reconnecting. After a
 * start or a reconnect, this reads each source channel's history since the last message captured there (or, with
 * none yet, since Liaison started watching it) and captures what is missing, oldest first, through the same path as
 * a live event: the (channel, ts) key makes a message captured once, however it arrives. One run at a time; a
 * trigger during a run runs once more after it.
 */
export class SlackCatchUp {
  private running: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: SlackDeps, private readonly options: CatchUpOptions) {}

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
      await this.run().catch((error: unknown) => this.deps.logger.error({ err: error }, 'slack catch-up failed'));
    } while (this.again && !this.stopping);
  }

  /** One pass over every source channel. */
  async run(): Promise<{ fetched: number }> {
    let fetched = 0;
    for (const cursor of await sourceCursors(this.deps.ctx.db, 'slack')) {
      if (this.stopping) break;
      if (!this.deps.sources.has(cursor.externalId)) continue;
      try {
        fetched += await this.channel(cursor);
      } catch (error) {
        this.deps.logger.warn({ channel: cursor.externalId, err: error }, 'could not catch up a slack channel; the next start or reconnect tries again');
      }
    }
    if (fetched > 0) this.deps.logger.info({ fetched }, 'caught up with slack messages posted while away');
    return { fetched };
  }

  private async channel(cursor: SourceCursor): Promise<number> {
    const channel = cursor.externalId;
    const oldest = cursor.lastMessageId ?? `${Math.floor(cursor.watchedSince.getTime() / 1000)}.000000`;
    const found: MessageEvent[] = [];
    let page: string | undefined;
    let pages = 0;
    let more: boolean;
    do {
      const result = await this.withRateLimit(() => this.options.client.conversations.history({ channel, oldest, limit: PAGE, ...(page ? { cursor: page } : {}) }));
      found.push(...((result.messages ?? []) as MessageEvent[]).map((m) => ({ ...m, channel })));
      page = result.response_metadata?.next_cursor || undefined;
      more = Boolean(result.has_more && page);
      pages += 1;
    } while (more && pages < MAX_PAGES && !this.stopping);
    const said = found.flatMap((m) => feedbackMessage(this.deps, m) ?? []).sort((a, b) => Number(a.ts) - Number(b.ts));
    if (more) this.deps.logger.warn({ channel, since: oldest, fetched: found.length, oldestFetched: said[0]?.ts }, 'slack catch-up stopped at its limit: messages older than the oldest fetched were not captured');
    for (const payload of said) {
      if (this.stopping) break;
      await this.capture(payload);
    }
    return said.length;
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

  private pause(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
