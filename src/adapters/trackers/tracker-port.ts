import type { Context } from '../../core/context.js';
import { failIssueRequest } from '../../core/trackers/fail-issue-request.js';
import { recordIssue } from '../../core/trackers/record-issue.js';
import { PermanentDeliveryError, RetryableDeliveryError, type ChatPort, type OutboundMessage } from '../../delivery/chat-port.js';
import { TrackerCallError, type TrackerClient } from './tracker-client.js';

/**
 * The outbox's port to the teams' trackers. A create first looks for the issue an earlier attempt made (a lost
 * answer, a crash before Liaison stored it), so it never makes a second one; the answer is stored through the
 * core. Outages and rate limits are retried until the request's give-up time; a refusal is final at once. Either
 * way the person who asked is told privately, and the card offers the buttons again.
 */
export class TrackerPort implements ChatPort {
  readonly name = 'tracker';

  constructor(private readonly ctx: Context, private readonly clients: Map<string, TrackerClient>, private readonly publicUrl: string) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const { content } = message;
    if (content.kind !== 'tracker_issue') throw new PermanentDeliveryError(`${content.kind} is not a tracker call`);
    const { payload, draft } = content.request;
    try {
      const client = this.clients.get(payload.team);
      if (!client) throw new TrackerCallError('refused', `no tracker connection for team ${payload.team}`);
      const issue = payload.op === 'create'
        ? (await client.findCreated(draft as NonNullable<typeof draft>, new Date(payload.requestedAt))) ?? (await client.create(draft as NonNullable<typeof draft>, `${this.publicUrl}/items/${payload.itemId}`))
        : await client.fetch(payload.ref as string);
      await recordIssue(this.ctx, { request: payload, issue });
      return { messageId: issue.key };
    } catch (error) {
      const failure = error instanceof TrackerCallError ? error : new TrackerCallError('retry', error instanceof Error ? error.message : String(error));
      if (failure.kind === 'retry' && this.ctx.clock.now() < new Date(payload.giveUpAt)) throw new RetryableDeliveryError(failure.message, failure.retryAfterMs);
      await failIssueRequest(this.ctx, { request: payload, code: failure.kind === 'retry' ? 'gave_up' : failure.kind, reason: failure.message });
      throw new PermanentDeliveryError(failure.message);
    }
  }
}
