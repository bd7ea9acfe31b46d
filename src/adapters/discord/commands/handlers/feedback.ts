import { captureByHand } from '../../../../core/capture-by-hand.js';
import { captureFeedback, type CaptureInput } from '../../../../core/capture-feedback.js';
import { displayName } from '../../actor-of.js';
import { readableTyped } from '../../gateway/readable-content.js';
import { actorOfInteraction } from '../../interactions/interaction-deps.js';
import { chatCommand } from '../command-handler.js';
import { FeedbackCommand } from '../definitions/feedback.js';
import { captureReply } from './capture-reply.js';

/**
 * `/feedback`: anyone may send their own feedback; a community manager may send someone else's (`from`). The
 * interaction ID stands in for a message ID: it is a real snowflake, unique, and the same if Discord resends it.
 */
export const feedbackHandler = chatCommand({
  definition: FeedbackCommand,
  async run(deps, interaction, args) {
    const actor = actorOfInteraction(deps, interaction);
    const from = args.from && args.from.id !== interaction.user.id ? args.from : undefined;
    const input: CaptureInput = {
      community: args.community ?? (interaction.guildId ? deps.sources.guildCommunity.get(interaction.guildId) : undefined),
      message: { platform: 'discord', channelId: interaction.channelId, id: interaction.id, text: await readableTyped(args.text, interaction.guild, interaction.client), postedAt: interaction.createdAt },
      author: from ? { platform: 'discord', id: from.id, name: displayName(from) } : { platform: 'discord', id: actor.id, name: actor.name },
      via: 'command',
      overrides: args.team ? { teams: [args.team] } : {},
    };
    const result = from ? await captureByHand(deps.ctx, { ...input, via: 'command', capturedBy: actor }) : await captureFeedback(deps.ctx, input);
    return captureReply(deps, result);
  },
});
