import { ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { MessageMenuDefinition } from '../command-types.js';

/** The message context-menu command: right-click a message → Apps → Send to Liaison. */
export const SendToLiaisonCommand = {
  type: ApplicationCommandType.Message,
  name: 'Send to Liaison',
  contexts: [InteractionContextType.Guild],
} as const satisfies MessageMenuDefinition;
