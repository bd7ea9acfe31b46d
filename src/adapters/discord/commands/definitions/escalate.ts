import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { ChatInputDefinition } from '../command-types.js';

export const EscalateCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'escalate',
  description: 'Raise an item: higher priority, a tighter SLA, and the team’s on-call paged',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.String, name: 'item', description: 'Item number such as #42, or a link to the message or its card', required: true },
    { type: ApplicationCommandOptionType.String, name: 'reason', description: 'Why this needs attention now', required: true, max_length: 2000 },
    { type: ApplicationCommandOptionType.String, name: 'team', description: 'The team to escalate to (needed when several have it)', autocomplete: true },
    {
      type: ApplicationCommandOptionType.String,
      name: 'priority',
      description: 'How urgent (high when left out)',
      choices: [{ name: 'High', value: 'high' }, { name: 'Urgent', value: 'urgent' }],
    },
  ],
} as const satisfies ChatInputDefinition;
