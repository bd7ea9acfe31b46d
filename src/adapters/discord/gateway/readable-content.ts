import type { Client, Collection, Guild, GuildMember, Message, Role, User } from 'discord.js';

// Discord's own mention forms: users `<@id>` / `<@!id>`, roles `<@&id>`, channels `<#id>`, custom emoji `<:name:id>`.
const MENTION = /<(?:(@!?|@&|#)(\d+)|a?:(\w+):\d+)>/g;
const USER_MENTION = /<@!?(\d+)>/g;

/** Where names come from: what Discord resolved for this text (a message's mentions), then the caches. */
interface NameSources {
  guild: Guild | null;
  client: Client;
  members?: Collection<string, GuildMember> | null;
  users?: Collection<string, User>;
  roles?: Collection<string, Role>;
}

/**
 * Text as people read it in Discord: mentions shown by the name of the user, role or channel, custom emoji by
 * their name, as on the card a team reads (on Discord or Slack) an ID means nothing. One that cannot be resolved
 * stays as written, like `@everyone`: presenters make every mention inert, and messages are sent with no allowed
 * mentions.
 */
export function readableText(text: string, from: NameSources): string {
  return text.replace(MENTION, (raw, kind: string | undefined, id: string | undefined, emoji: string | undefined) => {
    if (emoji) return `:${emoji}:`;
    if (!id) return raw;
    if (kind === '@&') {
      const role = from.roles?.get(id) ?? from.guild?.roles.cache.get(id);
      return role ? `@${role.name}` : raw;
    }
    if (kind === '#') {
      const channel = from.client.channels.cache.get(id);
      return channel && 'name' in channel && channel.name ? `#${channel.name}` : raw;
    }
    const member = from.members?.get(id) ?? from.guild?.members.cache.get(id);
    if (member) return `@${member.displayName}`;
    const user = from.users?.get(id) ?? from.client.users.cache.get(id);
    return user ? `@${user.displayName}` : raw;
  });
}

/** A message's text with its mentions named, from the mentions Discord resolved for it. */
export function readableContent(message: Message<true>): string {
  const { mentions } = message;
  return readableText(message.content, { guild: message.guild, client: message.client, members: mentions.members, users: mentions.users, roles: mentions.roles });
}

/**
 * Typed text (a slash command's option) comes with no resolved mentions: the people it names are looked up in the
 * guild first (best effort; one not found stays as written).
 */
export async function readableTyped(text: string, guild: Guild | null, client: Client): Promise<string> {
  const ids = [...new Set([...text.matchAll(USER_MENTION)].map((m) => m[1] as string))].filter((id) => !guild?.members.cache.has(id));
  // One REST call per person (a request over the gateway would need the members intent); a handful at most.
  if (guild) await Promise.all(ids.slice(0, 5).map((id) => guild.members.fetch(id).catch(() => undefined)));
  return readableText(text, { guild, client });
}
