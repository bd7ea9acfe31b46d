import type { Message } from 'discord.js';

// Discord's own mention forms: users `<@id>` / `<@!id>`, roles `<@&id>`, channels `<#id>`, custom emoji `<:name:id>`.
const MENTION = /<(?:(@!?|@&|#)(\d+)|a?:(\w+):\d+)>/g;

/**
 * A message's text as people read it in Discord: mentions shown by the name of the user, role or channel (from the
 * message's resolved mentions and the guild's cache), custom emoji by their name, as on the card a team reads
 * (on Discord or Slack) an ID means nothing. One that cannot be resolved stays as written, like `@everyone`:
 * presenters make every mention inert, and messages are sent with no allowed mentions.
 */
export function readableContent(message: Message<true>): string {
  const { guild, client, mentions } = message;
  return message.content.replace(MENTION, (raw, kind: string | undefined, id: string | undefined, emoji: string | undefined) => {
    if (emoji) return `:${emoji}:`;
    if (!id) return raw;
    if (kind === '@&') {
      const role = mentions.roles.get(id) ?? guild?.roles.cache.get(id);
      return role ? `@${role.name}` : raw;
    }
    if (kind === '#') {
      const channel = mentions.channels.get(id) ?? client.channels.cache.get(id);
      return channel && 'name' in channel && channel.name ? `#${channel.name}` : raw;
    }
    const member = mentions.members?.get(id) ?? guild?.members.cache.get(id);
    if (member) return `@${member.displayName}`;
    const user = mentions.users.get(id) ?? client.users.cache.get(id);
    return user ? `@${user.displayName}` : raw;
  });
}
