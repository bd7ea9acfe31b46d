import { chatCommand } from '../command-handler.js';
import { LiaisonCommand } from '../definitions/liaison.js';
import { digestReply, snoozeReply } from './liaison-actions.js';
import { HELP, historyReply, statusReply } from './liaison-lookups.js';
import { linkReply, mergeReply, unlinkReply } from './liaison-members.js';
import { webReply } from './liaison-web.js';

/** `/liaison <subcommand>`: the arguments arrive as a union on `subcommand`, each typed from its definition. */
export const liaisonHandler = chatCommand({
  definition: LiaisonCommand,
  async run(deps, interaction, input) {
    switch (input.subcommand) {
      case 'history': return historyReply(deps, input.args);
      case 'status': return statusReply(deps, input.args);
      case 'digest': return digestReply(deps, input.args);
      case 'snooze': return snoozeReply(deps, interaction, input.args);
      case 'merge': return mergeReply(deps, interaction, input.args);
      case 'link': return linkReply(deps, interaction, input.args);
      case 'unlink': return unlinkReply(deps, interaction, input.args);
      case 'web': return webReply(deps, interaction);
      case 'help': return { content: HELP };
    }
  },
});
