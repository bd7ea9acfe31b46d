import type { Command } from 'commander';
import { configuredChannels, configuredGuilds } from '../config/configured-channels.js';
import { configuredGroups } from '../config/configured-groups.js';
import { channelWords, groupWords } from './channel-use-words.js';
import type { Settings } from './runtime.js';
import { registerSetupCheck, type CheckIo, type Checklist } from './setup-check.js';
import { UserError } from './user-error.js';

/** Discord's own names for the permissions, as its settings show them. */
const PERMISSION_LABEL: Record<string, string> = {
  ViewChannel: 'View Channels', SendMessages: 'Send Messages', SendMessagesInThreads: 'Send Messages in Threads', CreatePublicThreads: 'Create Public Threads',
  EmbedLinks: 'Embed Links', ReadMessageHistory: 'Read Message History', ManageThreads: 'Manage Threads',
};

/** `liaison discord check`: the token, the Message Content intent, the servers and the bot's channels, and exactly what is missing. */
export function registerDiscordCheck(program: Command, io: CheckIo = {}): void {
  registerSetupCheck(program, {
    platform: 'Discord',
    parent: { name: 'discord', description: 'Discord set-up' },
    description: 'check the Discord token, the Message Content intent and that the bot can work in every channel the config names',
    run: checkDiscord,
  }, io);
}

async function checkDiscord({ env, loaded: { config } }: Settings, list: Checklist): Promise<void> {
  if (!env.DISCORD_TOKEN) throw new UserError('Set DISCORD_TOKEN (Bot → Reset Token in the Discord developer portal) to check Discord.');
  const { checkDiscordSetup } = await import('../adapters/discord/setup/check-discord-setup.js');
  const { inviteUrl } = await import('../adapters/discord/bot-permissions.js');
  const forumTags = Boolean(config.discord.forumTags.resolved || config.discord.forumTags.declined);
  const report = await checkDiscordSetup({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, applicationId: env.DISCORD_APPLICATION_ID, guilds: configuredGuilds(config), channels: configuredChannels(config), groups: configuredGroups(config), forumTags });
  if (!report.auth.ok) {
    list.stop(`Discord refused DISCORD_TOKEN (${report.auth.error}): copy the bot's token again (Bot → Reset Token in the developer portal).`);
    return;
  }
  list.say(`Discord: the bot token works: ${report.auth.botUser} (${report.auth.botUserId}), application ${report.auth.applicationId}.`);
  if (report.applicationMismatch) list.fix(`  DISCORD_APPLICATION_ID is ${env.DISCORD_APPLICATION_ID ?? ''}, but the token is application ${report.applicationMismatch}'s: set DISCORD_APPLICATION_ID=${report.applicationMismatch}.`);
  if (report.messageContent) list.say('  Message Content intent: on.');
  else list.fix('  Message Content intent: off; turn on Bot → Privileged Gateway Intents → Message Content Intent in the developer portal (without it, community messages arrive with no text).');
  const absent = report.guilds.filter((g) => !g.inServer);
  list.say(`  servers: the bot is in ${report.guilds.length - absent.length} of ${report.guilds.length} the config names${absent.length ? ':' : '.'}`);
  for (const guild of absent) list.fix(`    not in server ${guild.id}; invite it with ${inviteUrl(report.auth.applicationId)}`);
  const ready = report.channels.filter((c) => c.state === 'ready');
  list.say(`  channels: ${ready.length} of ${report.channels.length} the config names are ready${ready.length === report.channels.length ? '.' : ':'}`);
  for (const channel of report.channels.filter((c) => c.state !== 'ready')) {
    const where = channelWords(channel);
    if (channel.state === 'missing_permissions') list.fix(`    ${where}: missing ${channel.missing.map((p) => PERMISSION_LABEL[p] ?? p).join(', ')}; allow them for the bot (or its role) in the channel's Permissions.`);
    else if (channel.state === 'no_access') list.fix(`    ${where}: the bot cannot see it; allow View Channels for the bot (or its role) in the channel's Permissions.`);
    else if (channel.state === 'not_found') list.fix(`    ${where}: no such channel; check the ID (Developer Mode → right-click the channel → Copy Channel ID).`);
    // Fixed by that server's invite, already counted above.
    else if (channel.state === 'not_in_server') list.say(`    ${where}: in a server the bot is not in (see servers above).`);
    else list.fix(`    ${where}: Discord answered ${channel.error ?? 'an error'}.`);
  }
  for (const group of report.groups.filter((g) => g.state !== 'ok')) {
    if (group.state === 'not_found') list.fix(`  role ${groupWords(group)}: no such role in the servers the bot is in; check the ID (Server Settings → Roles → right-click → Copy Role ID).`);
    else list.fix(`  role ${groupWords(group)}: not mentionable, so a page does not reach them; turn on Allow anyone to @mention this role (Server Settings → Roles).`);
  }
}
