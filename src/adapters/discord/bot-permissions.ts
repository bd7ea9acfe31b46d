import { PermissionFlagsBits } from 'discord.js';

/** Every permission Liaison uses, and why; the invite link asks for exactly these. */
export const BOT_PERMISSIONS = {
  ViewChannel: 'see the source channels, forums and team channels',
  SendMessages: 'post cards, close-the-loop replies, pages, reminders and digests',
  SendMessagesInThreads: 'reply in forum posts and log actions in card and digest threads',
  CreatePublicThreads: 'start the thread under a card (its action log) and under a digest summary',
  EmbedLinks: 'show cards and digests as embeds',
  ReadMessageHistory: 'catch up after downtime, reply to the original message, read messages sent to Liaison by hand',
  ManageThreads: 'add a forum tag (such as Resolved) to a post Liaison did not create; only needed with discord.forumTags',
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

export function botPermissions(): bigint {
  return Object.keys(BOT_PERMISSIONS).reduce((bits, name) => bits | PermissionFlagsBits[name as keyof typeof PermissionFlagsBits], 0n);
}

/** The OAuth2 link that adds the bot to a server with its slash commands and the permissions above. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: botPermissions().toString() });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
