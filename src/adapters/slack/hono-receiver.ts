import { parse as parseQuery } from 'node:querystring';
import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Context as HonoContext, Hono } from 'hono';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { bodyLimit, MAX_BODY_BYTES } from '../http/body-limit.js';
import { checkTimestamp, hmacHex, sameSignature } from '../http/signature.js';

export interface HonoReceiverOptions {
  signingSecret: string;
  logger: Logger;
  clock: Clock;
  path?: string;
  /** Slack gives up after 3 s; an acknowledged request is answered by then even if its listener is still busy. */
  answerWithinMs?: number;
  bodyLimitBytes?: number;
}

type Answer = { status: number; body?: unknown };

/**
 * Bolt's transport on Liaison's own Hono server (`POST /slack/events`). Like Bolt's receivers it only moves bytes:
 * verify the signature, parse the body, hand Bolt a ReceiverEvent, turn its ack into the HTTP answer.
 *
 * The answer goes out once the listeners have returned (Bolt's `processBeforeResponse`), so that a listener can
 * store the event before Slack hears "got it" — listeners persist, acknowledge and leave the slow work to run
 * after. A listener that takes too long still gets its acknowledgement out within `answerWithinMs`.
 */
export class HonoReceiver implements Receiver {
  private bolt: App | undefined;
  private readonly path: string;

  constructor(private readonly options: HonoReceiverOptions) {
    this.path = options.path ?? '/slack/events';
  }

  init(app: App): void {
    this.bolt = app;
  }

  /** Bytes are counted as they arrive: a body past the limit is refused with 413 before the rest is read. */
  mount(app: Hono): void {
    app.post(this.path, bodyLimit({ maxSize: this.options.bodyLimitBytes ?? MAX_BODY_BYTES }), (c) => this.handle(c));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async handle(c: HonoContext): Promise<Response> {
    const { logger, clock, signingSecret } = this.options;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const raw = new TextDecoder().decode(bytes);
    const contentType = c.req.header('content-type')?.split(';')[0]?.trim();
    if (contentType === 'application/x-www-form-urlencoded' && parseQuery(raw).ssl_check === '1') return c.body(null, 200);
    const refused = checkSlackSignature(signingSecret, c.req.header('x-slack-request-timestamp'), c.req.header('x-slack-signature'), bytes, clock.now());
    if (refused) {
      logger.warn({ reason: refused }, 'slack request refused');
      return c.body(null, 401);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, contentType);
    } catch {
      return c.body(null, 400);
    }
    if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    const answer = await this.dispatch(body, c.req.header('x-slack-retry-num'), c.req.header('x-slack-retry-reason'));
    if (answer.body === undefined || answer.body === '') return c.body(null, answer.status as 200);
    return typeof answer.body === 'string' ? c.text(answer.body, answer.status as 200) : c.json(answer.body, answer.status as 200);
  }

  private dispatch(body: Record<string, unknown>, retryNum: string | undefined, retryReason: string | undefined): Promise<Answer> {
    const { logger, answerWithinMs = 2_500 } = this.options;
    return new Promise<Answer>((resolve) => {
      let acked = false;
      let stored: unknown;
      let timer: NodeJS.Timeout | undefined;
      const event: ReceiverEvent = {
        body,
        retryNum: retryNum === undefined ? undefined : Number(retryNum),
        retryReason,
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          stored = response;
          timer = setTimeout(() => resolve({ status: 200, body: stored }), answerWithinMs);
        },
      };
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
      if (!this.bolt) return settle({ status: 503 });
      this.bolt.processEvent(event).then(
        () => settle(acked ? { status: 200, body: stored } : { status: 404 }),
        (error: unknown) => {
          // Listeners fail here only when they could not store the request (Bolt acknowledges events before its
          // listeners run): a 500 makes Slack deliver the event again, rather than Liaison forgetting it.
          logger.error({ err: error }, 'slack request could not be stored');
          settle({ status: 500 });
        },
      );
    });
  }
}

/** Interactions arrive as `payload=<json>`, slash commands as plain form fields, events as JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(raw);
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form as Record<string, unknown>;
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

/**
 * Slack's signing scheme (`v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`), checked over the bytes as sent, with the
 * stamp within five minutes of now either way: Bolt's own check lets a stamp from the future through.
 * Returns why a request is refused, or nothing when it is Slack's.
 */
export function checkSlackSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: Uint8Array, now: Date): string | undefined {
  if (!timestamp || !signature) return 'missing X-Slack-Request-Timestamp or X-Slack-Signature';
  const stamp = checkTimestamp(timestamp, now);
  if (!stamp.ok) return stamp.reason === 'not_seconds' ? 'X-Slack-Request-Timestamp is not Unix seconds' : 'stamped more than five minutes from now';
  return sameSignature(`v0=${hmacHex(secret, 'v0', timestamp, body)}`, signature) ? undefined : 'signature does not match';
}
