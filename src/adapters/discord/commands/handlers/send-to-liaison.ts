import type { MessageContextMenuCommandInteraction } from 'discord.js';
import { DomainError } from '../../../../core/errors.js';
import { captureMessageByHand } from '../../gateway/hand-capture.js';
import { actorOfInteraction, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';
import type { MessageMenuCommand } from '../command-handler.js';
import { SendToLiaisonCommand } from '../definitions/send-to-liaison.js';
import { captureReply } from './capture-reply.js';

/** "Send to Liaison" on a message: a community manager captures it as it stands. */
export const sendToLiaisonHandler: MessageMenuCommand = {
  definition: SendToLiaisonCommand,
  async run(deps: InteractionDeps, interaction: MessageContextMenuCommandInteraction): Promise<Reply> {
    const message = interaction.targetMessage;
    if (!message.inGuild()) throw new DomainError('invalid_input', 'Only messages in a server can be sent to Liaison.');
    const result = await captureMessageByHand(deps, message, actorOfInteraction(deps, interaction), 'shortcut');
    return captureReply(deps, result);
  },
};
