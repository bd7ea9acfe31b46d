import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from 'discord.js';
import type { ChatInputDefinition } from '../command-types.js';

const { String, User, Subcommand } = ApplicationCommandOptionType;

export const LiaisonCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'liaison',
  description: 'Look up feedback, snooze reminders, merge duplicates, link identities, digests, the web app',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: Subcommand,
      name: 'history',
      description: 'What a member or a community has told us, and what came of it',
      options: [
        { type: User, name: 'member', description: 'A member of this server' },
        { type: String, name: 'community', description: 'A community', autocomplete: true },
        { type: String, name: 'name', description: 'A member by name or ID, on any platform' },
      ],
    },
    {
      type: Subcommand,
      name: 'status',
      description: 'Where an item stands with each team',
      options: [{ type: String, name: 'item', description: 'Item number such as #42, or a link to the message or its card', required: true }],
    },
    {
      type: Subcommand,
      name: 'digest',
      description: 'Preview the feedback digest (only you see it)',
      options: [
        { type: String, name: 'period', description: 'A week such as 2026-W47 or a day such as 2026-11-16 (last week when left out)' },
        { type: String, name: 'team', description: 'One team’s digest', autocomplete: true },
      ],
    },
    {
      type: Subcommand,
      name: 'snooze',
      description: 'Pause reminders about an item, with a reason',
      options: [
        { type: String, name: 'item', description: 'Item number such as #42, or a link to its card', required: true },
        { type: String, name: 'for', description: 'How long, such as 4h, 2d or 1w', required: true },
        { type: String, name: 'reason', description: 'Why reminders should pause', required: true, max_length: 500 },
        { type: String, name: 'team', description: 'Your team, when the item is with several of yours', autocomplete: true },
      ],
    },
    {
      type: Subcommand,
      name: 'merge',
      description: 'Make two items that say the same thing one item (the older stays; every author hears the outcome)',
      options: [
        { type: String, name: 'item', description: 'Item number such as #42, or a link to the message or its card', required: true },
        { type: String, name: 'with', description: 'The item it duplicates, such as #12', required: true },
      ],
    },
    {
      type: Subcommand,
      name: 'link',
      description: 'Two identities of one person: their history becomes one (community managers)',
      options: [
        { type: String, name: 'member', description: 'A mention, or slack:U0123, discord:1234 or an e-mail address', required: true },
        { type: String, name: 'other', description: 'The same person elsewhere: a mention, slack:U0123, discord:1234 or an e-mail', required: true },
      ],
    },
    {
      type: Subcommand,
      name: 'unlink',
      description: 'Take an identity out of a linked member again (community managers)',
      options: [{ type: String, name: 'member', description: 'A mention, or slack:U0123, discord:1234 or an e-mail address', required: true }],
    },
    { type: Subcommand, name: 'web', description: 'A sign-in link to Liaison’s web app (only you see it)' },
    { type: Subcommand, name: 'help', description: 'What Liaison does and how to use it here' },
  ],
} as const satisfies ChatInputDefinition;
