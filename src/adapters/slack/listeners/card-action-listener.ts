import { whyNot, type Deed } from '../../../core/access-rules.js';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { correctRouting } from '../../../core/correct-routing.js';
import { mergeDuplicates } from '../../../core/merge-duplicates.js';
import { recordAction } from '../../../core/record-action.js';
import { teamTracker } from '../../../core/trackers/enqueue-issue-request.js';
import { TRACKER_NAME, trackerPlace } from '../../../core/trackers/issue-link.js';
import { issueRefExample } from '../../../core/trackers/issue-ref.js';
import { requestIssue } from '../../../core/trackers/request-issue.js';
import type { Category } from '../../../config/schema.js';
import { declineModal, linkIssueModal, passOnModal } from '../card-modals.js';
import { mergedText } from '../command-text.js';
import { CARD_ACTION } from '../routed-card-blocks.js';
import { forPerson, GENERIC_FAILURE, intake, tell, type SlackDeps } from '../slack-deps.js';
import { permissionWords } from '../../../delivery/error-words.js';

export const CARD_ACTION_KIND = 'slack.card_action';

interface CardClick { user: string; userName?: string; channel: string; messageTs: string; responseUrl?: string; actionId: string; value: string; actionTs: string }

/** A merge button's value: the card's item and its look-alike (the older one stays). */
const MergeValue = z.object({ items: z.array(z.number().int().positive()).length(2) });

const DIRECT = new Map<string, 'acknowledge' | 'own' | 'resolve' | 'reopen'>([
  [CARD_ACTION.acknowledge, 'acknowledge'],
  [CARD_ACTION.own, 'own'],
  [CARD_ACTION.resolve, 'resolve'],
  [CARD_ACTION.reopen, 'reopen'],
]);

/** Card buttons. A click that changes state is stored, acknowledged, then recorded; Decline and Pass on ask first. */
export function registerCardActionListener(app: App, deps: SlackDeps): void {
  deps.handlers.set(CARD_ACTION_KIND, (p) => cardClick(deps, p as unknown as CardClick));
  app.action<BlockAction<ButtonAction>>(/^card:/, async ({ ack, body, action }) => {
    const click: CardClick = { user: body.user.id, userName: body.user.name, channel: body.channel?.id ?? '', messageTs: body.message?.ts ?? body.container.message_ts ?? '', responseUrl: body.response_url, actionId: action.action_id, value: action.value ?? '', actionTs: action.action_ts };
    if (action.action_id === CARD_ACTION.decline || action.action_id === CARD_ACTION.pass_on || action.action_id === CARD_ACTION.link_issue) {
      await ack();
      deps.work.run('open card modal', () => openCardModal(deps, click, body.trigger_id));
      return;
    }
    try {
      await intake(deps, { key: `slack:click:${click.user}:${click.actionTs}`, kind: CARD_ACTION_KIND, payload: { ...click } });
    } catch (error) {
      // Not stored, so not done: say so rather than leave the person waiting for a card that never changes.
      deps.logger.error({ err: error, action: click.actionId }, 'slack click could not be stored');
      deps.work.run('tell click failed', () => tell(deps, { user: click.user, channel: click.channel, responseUrl: click.responseUrl }, GENERIC_FAILURE));
    }
    await ack();
  });
}

async function cardClick(deps: SlackDeps, click: CardClick): Promise<void> {
  const to = { user: click.user, channel: click.channel, responseUrl: click.responseUrl };
  await forPerson(deps, to, async () => {
    const actor = await deps.directory.actor(click.user);
    const idempotencyKey = `slack:click:${click.user}:${click.actionTs}`;
    const kind = DIRECT.get(click.actionId);
    if (kind) {
      await recordAction(deps.ctx, { routingId: Number(click.value.split(':')[0]), kind, actor, via: 'button', idempotencyKey });
      return;
    }
    if (click.actionId === CARD_ACTION.create_issue) {
      // The tracker is called by the outbox; the card shows the issue on its way, and a refusal comes back privately.
      await requestIssue(deps.ctx, { routingId: Number(click.value.split(':')[0]), op: 'create', actor, via: 'button', notify: { platform: 'slack', userId: click.user, channelId: click.channel } });
      return;
    }
    if (click.actionId.startsWith(`${CARD_ACTION.merge}:`)) {
      const { items } = MergeValue.parse(JSON.parse(click.value));
      const merged = await mergeDuplicates(deps.ctx, { duplicates: items, actor, via: 'button' });
      await tell(deps, to, mergedText(merged));
      return;
    }
    if (click.actionId.startsWith(`${CARD_ACTION.suggestion}:`)) {
      const choice = JSON.parse(click.value) as { routingId: number; team: string; category: Category };
      await correctRouting(deps.ctx, { routingId: choice.routingId, team: choice.team, category: choice.category, actor, via: 'button', idempotencyKey });
    }
  });
}

/**
 * The core decides who may decline or pass on, and checks again on submit; asking here too spares a non-member
 * a form they could not submit. The trigger expires in 3 s, so this runs right after the acknowledgement.
 */
async function openCardModal(deps: SlackDeps, click: CardClick, triggerId: string): Promise<void> {
  const [routing, team = ''] = click.value.split(':');
  const to = { user: click.user, channel: click.channel, responseUrl: click.responseUrl };
  const { config } = deps.ctx;
  const actor = await deps.directory.actor(click.user);
  const teamName = config.teams[team]?.name ?? team;
  const deed: Deed = click.actionId === CARD_ACTION.decline || click.actionId === CARD_ACTION.pass_on
    ? { kind: 'routing_action', action: click.actionId === CARD_ACTION.decline ? 'decline' : 'pass_on', team }
    : { kind: 'tracker_issue', op: 'link', team };
  const refusal = whyNot(config, actor, deed);
  if (refusal) {
    await tell(deps, to, `:no_entry: ${permissionWords(refusal)}`);
    return;
  }
  const meta = { routingId: Number(routing), team, channel: click.channel, messageTs: click.messageTs };
  const view = click.actionId === CARD_ACTION.decline ? declineModal(meta, teamName) : click.actionId === CARD_ACTION.pass_on ? passOnModal(meta, config) : issueModal(deps, meta);
  await deps.client.views.open({ trigger_id: triggerId, view: view as never });
}

function issueModal(deps: SlackDeps, meta: { routingId: number; team: string; channel: string; messageTs: string }) {
  const tracker = teamTracker(deps.ctx, meta.team);
  return linkIssueModal(meta, `${TRACKER_NAME[tracker.kind]} (${trackerPlace(tracker)})`, issueRefExample(tracker));
}
