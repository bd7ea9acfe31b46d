import type { Logger } from 'pino';
import type { WebhookTarget } from '../../config/tracker-secrets.js';
import type { Clock } from '../../core/clock.js';
import { WebhookEvent } from '../../core/webhooks/webhook-event.js';
import { PermanentDeliveryError, RetryableDeliveryError, type ChatPort, type OutboundMessage } from '../../delivery/chat-port.js';
import { signIntake } from '../http/signature.js';
import { CALL_TIMEOUT_MS, retryAfterMs } from './tracker-client.js';

/**
 * Posts outbound events to their receivers, signed as Liaison's intake is (X-Liaison-Timestamp, X-Liaison-Signature:
 * v1=… over `v1:<timestamp>:<body>`), one at a time per receiver and item (the outbox chains them). Any answer but
 * 2xx is tried again with backoff, no sooner than Retry-After, until the receiver's give-up time; after that the
 * event shows in /metrics and `liaison webhooks failed`, and `liaison webhooks replay` sends it again.
 */
export class WebhookPort implements ChatPort {
  readonly name = 'webhook';

  constructor(private readonly targets: Map<string, WebhookTarget>, private readonly publicUrl: string, private readonly clock: Clock, private readonly logger: Logger) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const { content } = message;
    if (content.kind !== 'webhook_event') throw new PermanentDeliveryError(`${content.kind} is not a webhook event`);
    const { payload, event } = content;
    const target = this.targets.get(payload.subscription);
    if (!target) throw new PermanentDeliveryError(`webhook receiver ${payload.subscription} is no longer in the config`);
    const body = JSON.stringify(WebhookEvent.parse({ ...event, item: { ...event.item, url: `${this.publicUrl}/items/${event.item.id}` } }));
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    let failure: { reason: string; retryAfterMs?: number };
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Liaison-Webhooks', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(target.secret, timestamp, body), 'x-liaison-event-id': event.id, 'x-liaison-event-type': event.type },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { messageId: event.id };
      failure = { reason: `${target.key} answered ${response.status}`, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.clock.now().getTime()) };
    } catch (error) {
      failure = { reason: `${target.key} did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    const since = new Date(payload.replayedAt ?? payload.occurredAt).getTime();
    if (this.clock.now().getTime() - since >= target.giveUpAfterMs) {
      this.logger.error({ receiver: target.key, eventId: event.id, type: event.type, itemId: event.item.id }, 'webhook event given up on');
      throw new PermanentDeliveryError(`given up after ${Math.round(target.giveUpAfterMs / 60_000)} minutes; last: ${failure.reason}`);
    }
    throw new RetryableDeliveryError(failure.reason, failure.retryAfterMs);
  }
}
