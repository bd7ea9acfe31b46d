import { ApplicationFlags, DiscordAPIError, PermissionFlagsBits, REST, Routes } from 'discord.js';
import type { ChannelUse, ConfiguredChannel } from '../../../config/configured-channels.js';
import type { ConfiguredGroup } from '../../../config/configured-groups.js';
import { BOT_PERMISSIONS } from '../bot-permissions.js';
import { channelPermissions, type Overwrite, type Role } from './channel-permissions.js';

export type BotPermission = keyof typeof BOT_PERMISSIONS;
export type DiscordChannelState = 'ready' | 'missing_permissions' | 'no_access' | 'not_found' | 'not_in_server' | 'error';

export interface DiscordSetupReport {
  auth: { ok: true; botUser: string; botUserId: string; applicationId: string } | { ok: false; error: string };
  /** The Message Content intent is switched on for the application (its flags say so). */
  messageContent: boolean;
  /** DISCORD_APPLICATION_ID names another application than the token's. */
  applicationMismatch?: string;
  guilds: { id: string; name?: string; inServer: boolean }[];
  channels: (ConfiguredChannel & { state: DiscordChannelState; name?: string; missing: BotPermission[]; error?: string })[];
  /** The roles the config names: found in a server the bot is in, and mentionable where they are paged. */
  groups: (ConfiguredGroup & { state: 'ok' | 'not_found' | 'not_mentionable'; name?: string })[];
}

/** The permissions each use of a channel needs (see bot-permissions.ts for why each exists). */
function needed(uses: ChannelUse[], forumTags: boolean): BotPermission[] {
  const wanted = new Set<BotPermission>(['ViewChannel', 'ReadMessageHistory']);
  for (const use of uses) {
    if (use.kind === 'team_home' || use.kind === 'leadership_digest') for (const p of ['SendMessages', 'EmbedLinks', 'CreatePublicThreads', 'SendMessagesInThreads'] as const) wanted.add(p);
    if (use.kind === 'source') wanted.add('SendMessages');
    if (use.kind === 'forum') {
      wanted.add('SendMessagesInThreads');
      if (forumTags) wanted.add('ManageThreads');
    }
  }
  return (Object.keys(BOT_PERMISSIONS) as BotPermission[]).filter((p) => wanted.has(p));
}

const apiError = (error: unknown) => (error instanceof DiscordAPIError ? { status: error.status, code: Number(error.code), message: error.message } : { status: 0, code: 0, message: error instanceof Error ? error.message : String(error) });

interface ChannelJson { id: string; name?: string; guild_id?: string; permission_overwrites?: Overwrite[] }
interface GuildJson { id: string; name: string; roles: (Role & { name?: string; mentionable?: boolean })[] }

/** Asks Discord whether the token, the Message Content intent, the servers and every configured channel are as Liaison needs. */
export async function checkDiscordSetup(options: { token: string; apiUrl?: string; applicationId?: string; guilds: string[]; channels: ConfiguredChannel[]; groups: ConfiguredGroup[]; forumTags: boolean }): Promise<DiscordSetupReport> {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 0 }).setToken(options.token);
  let bot: { id: string; username: string };
  let application: { id: string; flags?: number };
  try {
    bot = (await rest.get(Routes.user('@me'))) as typeof bot;
    application = (await rest.get(Routes.currentApplication())) as typeof application;
  } catch (error) {
    const { status, message } = apiError(error);
    return { auth: { ok: false, error: !status || message.startsWith(String(status)) ? message : `${status} ${message}` }, messageContent: false, guilds: [], channels: [], groups: [] };
  }
  const flags = application.flags ?? 0;
  const messageContent = Boolean(flags & (ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited));

  const fetched = new Map<string, { channel?: ChannelJson; status?: number; message?: string }>();
  for (const channel of options.channels.filter((c) => c.platform === 'discord')) {
    try {
      fetched.set(channel.id, { channel: (await rest.get(Routes.channel(channel.id))) as ChannelJson });
    } catch (error) {
      fetched.set(channel.id, apiError(error));
    }
  }
  const guildIds = new Set([...options.guilds, ...[...fetched.values()].flatMap((f) => (f.channel?.guild_id ? [f.channel.guild_id] : []))]);
  const guilds = new Map<string, { guild?: GuildJson; roles?: string[] }>();
  for (const id of guildIds) {
    try {
      const guild = (await rest.get(Routes.guild(id))) as GuildJson;
      const member = (await rest.get(Routes.guildMember(id, bot.id))) as { roles: string[] };
      guilds.set(id, { guild, roles: member.roles });
    } catch {
      guilds.set(id, {});
    }
  }

  const channels = options.channels.filter((c) => c.platform === 'discord').map((configured) => {
    const seen = fetched.get(configured.id);
    const base = { ...configured, missing: [] as BotPermission[] };
    if (!seen?.channel) {
      if (configured.guild && !guilds.get(configured.guild)?.guild) return { ...base, state: 'not_in_server' as const };
      if (seen?.status === 404) return { ...base, state: 'not_found' as const };
      if (seen?.status === 403) return { ...base, state: 'no_access' as const };
      return { ...base, state: 'error' as const, error: seen?.message };
    }
    const { channel } = seen;
    const server = channel.guild_id ? guilds.get(channel.guild_id) : undefined;
    if (!server?.guild || !channel.guild_id) return { ...base, name: channel.name, state: 'not_in_server' as const };
    const bits = channelPermissions({ guildId: channel.guild_id, userId: bot.id, memberRoles: server.roles ?? [], roles: server.guild.roles, overwrites: channel.permission_overwrites ?? [] });
    const missing = needed(configured.uses, options.forumTags).filter((p) => !(bits & PermissionFlagsBits[p]));
    return { ...base, name: channel.name, missing, state: missing.length ? ('missing_permissions' as const) : ('ready' as const) };
  });

  const roles = [...guilds.values()].flatMap((g) => g.guild?.roles ?? []);
  const groups = options.groups.filter((g) => g.platform === 'discord').map((group) => {
    const role = roles.find((r) => r.id === group.id);
    if (!role) return { ...group, state: 'not_found' as const };
    // The bot may not mention @everyone-style, so a page reaches an on-call role only if anyone may mention it.
    const paged = group.uses.some((u) => u.kind === 'oncall');
    return { ...group, name: role.name, state: paged && !role.mentionable ? ('not_mentionable' as const) : ('ok' as const) };
  });
  return {
    auth: { ok: true, botUser: bot.username, botUserId: bot.id, applicationId: application.id },
    messageContent,
    ...(options.applicationId && options.applicationId !== application.id ? { applicationMismatch: application.id } : {}),
    guilds: [...guildIds].map((id) => ({ id, name: guilds.get(id)?.guild?.name, inServer: Boolean(guilds.get(id)?.guild) })),
    channels,
    groups,
  };
}
