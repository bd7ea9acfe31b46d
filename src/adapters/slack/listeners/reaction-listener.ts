import { mayDo } from '../../../core/access-rules.js';
import type { App } from '@slack/bolt';
import { findUndoableAction } from '../../../core/find-undoable-action.js';
import { recordAction } from '../../../core/record-action.js';
import { isDomainError } from '../../../core/errors.js';
import { button, section } from '../blocks.js';
import { captureExisting } from '../capture-handlers.js';
import { captureReceiptText } from '../capture-receipt.js';
import { forPerson, intake, tell, type SlackDeps } from '../slack-deps.js';

export const REACTION_ADDED = 'slack.reaction_added';
export const REACTION_REMOVED = 'slack.reaction_removed';
export const CAPTURE_OPEN = 'capture:open';

interface ReactionPayload { user: string; reaction: string; channel: string; ts: string; eventTs: string }

/** Each add has its own key (adding again after a removal counts again); a removal takes back the latest one. */
const reactionPrefix = (r: ReactionPayload) => `slack:reaction:${r.channel}:${r.ts}:${r.user}:${r.reaction}:`;

export function registerReactionListener(app: App, deps: SlackDeps): void {
  deps.handlers.set(REACTION_ADDED, (p) => reactionAdded(deps, p as unknown as ReactionPayload));
  deps.handlers.set(REACTION_REMOVED, (p) => reactionRemoved(deps, p as unknown as ReactionPayload));
  const { capture, reactions } = deps.ctx.config;
  const relevant = (emoji: string) => capture.reactions.includes(emoji) || emoji in reactions;
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, async ({ event }) => {
      if (event.item.type !== 'message' || !relevant(event.reaction)) return;
      const payload: ReactionPayload = { user: event.user, reaction: event.reaction, channel: event.item.channel, ts: event.item.ts, eventTs: event.event_ts };
      const kind = type === 'reaction_added' ? REACTION_ADDED : REACTION_REMOVED;
      await intake(deps, { key: `slack:${type}:${payload.channel}:${payload.ts}:${payload.user}:${payload.reaction}:${payload.eventTs}`, kind, payload: { ...payload } });
    });
  }
}

async function reactionAdded(deps: SlackDeps, r: ReactionPayload): Promise<void> {
  const { config } = deps.ctx;
  const actor = await deps.directory.actor(r.user);
  const to = { user: r.user, channel: r.channel };
  if (config.capture.reactions.includes(r.reaction)) {
    // Anyone may react with a megaphone; only a community manager's reaction means "capture this".
    if (!mayDo(config, actor, { kind: 'capture_by_hand' })) return;
    const community = deps.sources.get(r.channel) ?? (Object.keys(config.communities).length === 1 ? Object.keys(config.communities)[0] : undefined);
    if (!community) {
      await tell(deps, to, 'Which community is this message from?', [section('This channel is not a feedback source. Say which community the message is from, and Liaison will capture it.'), { type: 'actions', elements: [button('Choose a community…', CAPTURE_OPEN, JSON.stringify({ channel: r.channel, ts: r.ts }))] }]);
      return;
    }
    await forPerson(deps, to, async () => {
      const message = await deps.messages.fetch(r.channel, r.ts);
      if (!message?.user || message.botId) return;
      const result = await captureExisting(deps, { message, by: actor, via: 'reaction', community });
      // An emoji gives no feedback of its own: the community manager is told, ephemerally where they reacted, that
      // it worked and under which number (only they see it; the channel and the author do not).
      await tell(deps, to, captureReceiptText(deps, result));
    });
    return;
  }
  const kind = config.reactions[r.reaction];
  if (!kind) return;
  if (kind === 'decline' || kind === 'pass_on') {
    await tell(deps, to, `${kind === 'decline' ? 'Declining' : 'Passing on'} needs a ${kind === 'decline' ? 'reason' : 'team'}: use the button on the card.`);
    return;
  }
  await quietlyOnOtherMessages(deps, to, () =>
    recordAction(deps.ctx, { card: { platform: 'slack', channelId: r.channel, messageId: r.ts }, kind, actor, via: 'reaction', idempotencyKey: `${reactionPrefix(r)}${r.eventTs}` }).then(() => undefined),
  );
}

async function reactionRemoved(deps: SlackDeps, r: ReactionPayload): Promise<void> {
  if (!(r.reaction in deps.ctx.config.reactions)) return;
  const card = { platform: 'slack' as const, channelId: r.channel, messageId: r.ts };
  await quietlyOnOtherMessages(deps, { user: r.user, channel: r.channel }, async () => {
    const added = await findUndoableAction(deps.ctx, { card, keyPrefix: reactionPrefix(r) });
    // The reaction never counted (a non-member's, or one added before Liaison saw the card): nothing to undo.
    if (!added) return;
    const actor = await deps.directory.actor(r.user);
    await recordAction(deps.ctx, { routingId: added.routingId, kind: 'undo', undoesKey: added.idempotencyKey, actor, via: 'reaction', idempotencyKey: `slack:unreaction:${r.channel}:${r.ts}:${r.user}:${r.reaction}:${r.eventTs}` });
  });
}

/** The same emoji on a message that is not a card is just an emoji: say nothing. */
async function quietlyOnOtherMessages(deps: SlackDeps, to: { user: string; channel: string }, work: () => Promise<void>): Promise<void> {
  await forPerson(deps, to, async () => {
    try {
      await work();
    } catch (error) {
      if (isDomainError(error) && error.reason === 'not_a_card') return;
      throw error;
    }
  });
}
