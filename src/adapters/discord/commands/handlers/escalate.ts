import { escalate } from '../../../../core/escalate.js';
import { findItem } from '../../../../core/find-item.js';
import { discordTime } from '../../discord-text.js';
import { actorOfInteraction, interactionKey, teamName } from '../../interactions/interaction-deps.js';
import { chatCommand } from '../command-handler.js';
import { EscalateCommand } from '../definitions/escalate.js';
import { itemReference } from '../item-reference.js';

/** `/escalate`: community managers only (the core says so, and says why to anyone else). */
export const escalateHandler = chatCommand({
  definition: EscalateCommand,
  async run(deps, interaction, args) {
    const { itemId } = await findItem(deps.ctx, itemReference(args.item));
    const priority = args.priority ?? 'high';
    const result = await escalate(deps.ctx, { itemId, team: args.team, priority, reason: args.reason, actor: actorOfInteraction(deps, interaction), idempotencyKey: interactionKey(interaction) });
    if (result.status === 'duplicate') return { content: `#${result.itemId} was already escalated by this command.` };
    const team = args.team ? ` to ${teamName(deps, args.team)}` : '';
    const due = result.acknowledgeDueAt ? ` They should acknowledge it by ${discordTime(result.acknowledgeDueAt)}.` : '';
    return { content: `Escalated **#${result.itemId}**${team} as **${priority}**${result.reopened ? ' (reopened)' : ''}. On-call is paged under the card.${due}` };
  },
});
