import type { Category } from '../../../config/schema.js';
import { escalate } from '../../../core/escalate.js';
import { findItem } from '../../../core/find-item.js';
import { recordAction } from '../../../core/record-action.js';
import { requestIssue } from '../../../core/trackers/request-issue.js';
import { captureExisting } from '../capture-handlers.js';
import type { CardModalMetadata } from '../card-modals.js';
import type { CaptureModalMetadata } from '../capture-escalate-modals.js';
import { VIEW } from '../modal-parts.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { captureReceiptText } from '../capture-receipt.js';
import { forPerson, tell, type SlackDeps } from '../slack-deps.js';
import { parseItemReference } from '../slack-text.js';

export const VIEW_KIND = 'slack.view';

/** A submitted modal as stored: who, which modal, what it remembered, what was entered. */
export interface SubmittedView {
  callbackId: string;
  viewId: string;
  user: string;
  userName?: string;
  meta: Record<string, unknown>;
  values: Record<string, string | undefined>;
}

export async function submitView(deps: SlackDeps, v: SubmittedView): Promise<void> {
  const channel = typeof v.meta.channel === 'string' ? v.meta.channel : undefined;
  const to = { user: v.user, channel };
  const idempotencyKey = `slack:view:${v.viewId}`;
  await forPerson(deps, to, async () => {
    const actor = await deps.directory.actor(v.user);
    switch (v.callbackId) {
      case VIEW.decline:
      case VIEW.passOn: {
        const meta = v.meta as unknown as CardModalMetadata;
        const decline = v.callbackId === VIEW.decline;
        await recordAction(deps.ctx, { routingId: meta.routingId, kind: decline ? 'decline' : 'pass_on', reason: decline ? v.values.reason : v.values.note, toTeam: decline ? undefined : v.values.team, actor, via: 'modal', idempotencyKey });
        return;
      }
      case VIEW.linkIssue: {
        const meta = v.meta as unknown as CardModalMetadata;
        const result = await requestIssue(deps.ctx, { routingId: meta.routingId, op: 'link', ref: v.values.ref ?? '', actor, via: 'modal', notify: { platform: 'slack', userId: v.user, channelId: meta.channel } });
        await tell(deps, to, `:link: Linking ${escapeMrkdwn(result.key ?? '')} to #${result.itemId}; the card shows it in a moment.`);
        return;
      }
      case VIEW.capture: {
        const meta = v.meta as unknown as CaptureModalMetadata;
        const message = await deps.messages.fetch(meta.channel, meta.ts);
        if (!message?.user) {
          await tell(deps, to, 'That message is gone, or was not written by a person: nothing was captured.');
          return;
        }
        const overrides = { teams: v.values.team ? [v.values.team] : undefined, category: v.values.category as Category | undefined, note: v.values.note };
        const result = await captureExisting(deps, { message, by: actor, via: 'shortcut', community: v.values.community ?? meta.community, overrides });
        await tell(deps, to, captureReceiptText(deps, result));
        return;
      }
      case VIEW.escalate: {
        const ref = parseItemReference(v.values.item ?? '');
        if (!ref) return;
        const { itemId } = await findItem(deps.ctx, ref);
        const result = await escalate(deps.ctx, { itemId, team: v.values.team, priority: (v.values.priority as 'high' | 'urgent' | undefined) ?? 'high', reason: v.values.reason ?? '', actor, idempotencyKey });
        await tell(deps, to, `:rotating_light: #${result.itemId} escalated; the on-call has been paged under the card.`);
        return;
      }
      default:
        deps.logger.warn({ callbackId: v.callbackId }, 'unknown slack modal');
    }
  });
}
