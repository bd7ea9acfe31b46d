import { Duration } from '../../../config/duration.js';
import type { Actor } from '../../../core/actor.js';
import type { Context } from '../../../core/context.js';
import { recordAction } from '../../../core/record-action.js';
import { snoozeRouting } from '../../../core/snooze-routing.js';
import { requestIssue } from '../../../core/trackers/request-issue.js';
import { idempotencyKey } from '../form-token.js';
import type { RoutingForm } from './action-input.js';

/** What was done, for the sentence on the next page. */
export type RoutingDone =
  | { kind: 'recorded'; action: RoutingForm['action']; team: string; toTeam?: string; status: string }
  | { kind: 'snoozed'; team: string; until: Date }
  | { kind: 'issue_requested'; team: string; tracker: string; place: string };

/** One routing form to its verb: the same verbs, permission rules and idempotency as a card's buttons. */
export async function performRoutingAction(ctx: Context, actor: Actor, form: RoutingForm): Promise<RoutingDone> {
  const key = idempotencyKey(actor, form.form, form.action);
  if (form.action === 'snooze') {
    const done = await snoozeRouting(ctx, { routingId: form.routing, forMs: Duration.parse(form.snoozeFor ?? '1d'), reason: form.reason ?? '', actor, via: 'web', idempotencyKey: key });
    return { kind: 'snoozed', team: done.team, until: done.snoozedUntil };
  }
  if (form.action === 'create_issue') {
    const done = await requestIssue(ctx, { routingId: form.routing, op: 'create', actor, via: 'web' });
    return { kind: 'issue_requested', team: done.team, tracker: done.tracker, place: done.place };
  }
  const done = await recordAction(ctx, {
    routingId: form.routing,
    kind: form.action,
    actor,
    via: 'web',
    reason: form.action === 'decline' || form.action === 'pass_on' ? form.reason || undefined : undefined,
    toTeam: form.action === 'pass_on' ? form.toTeam : undefined,
    idempotencyKey: key,
  });
  return { kind: 'recorded', action: form.action, team: done.team, toTeam: form.action === 'pass_on' ? form.toTeam : undefined, status: done.routingStatus };
}
