import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { ChatInputDefinition } from '../command-types.js';

export const FeedbackCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'feedback',
  description: 'Send feedback to the teams that should act on it',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.String, name: 'text', description: 'What was said', required: true, max_length: 4000 },
    { type: ApplicationCommandOptionType.User, name: 'from', description: 'Who said it (community managers only; you when left out)' },
    { type: ApplicationCommandOptionType.String, name: 'community', description: 'The community it comes from', autocomplete: true },
    { type: ApplicationCommandOptionType.String, name: 'team', description: 'Send it to this team instead of routing it', autocomplete: true },
  ],
} as const satisfies ChatInputDefinition;
