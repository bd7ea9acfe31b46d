import type { Command } from 'commander';
import { configuredChannels } from '../config/configured-channels.js';
import { configuredGroups } from '../config/configured-groups.js';
import { publicUrl } from '../config/env.js';
import { channelWords, groupWords, isPlaceholder, placeholderIds } from './channel-use-words.js';
import type { Settings } from './runtime.js';
import { registerSetupCheck, type CheckIo, type Checklist } from './setup-check.js';
import { UserError } from './user-error.js';

/** `liaison slack check`: the token, its scopes, Socket Mode's token and the bot's channels, and exactly what is missing. */
export function registerSlackCheck(program: Command, io: CheckIo = {}): void {
  registerSetupCheck(program, {
    platform: 'Slack',
    parent: { name: 'slack', description: 'Slack set-up' },
    description: 'check the Slack token, its scopes and that the bot is in every channel the config names',
    run: checkSlack,
  }, io);
}

async function checkSlack({ env, loaded }: Settings, list: Checklist): Promise<void> {
  if (!env.SLACK_BOT_TOKEN) throw new UserError('Set SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, on the app\'s OAuth & Permissions page) to check Slack.');
  const { checkSlackSetup } = await import('../adapters/slack/setup/check-slack-setup.js');
  const { SLACK_SCOPES } = await import('../adapters/slack/setup/slack-scopes.js');
  const report = await checkSlackSetup({ token: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL, channels: configuredChannels(loaded.config), groups: configuredGroups(loaded.config) });
  if (!report.auth.ok) {
    list.stop(`Slack refused SLACK_BOT_TOKEN (${report.auth.error}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page (and install the app to the workspace if it is not).`);
    return;
  }
  list.say(`Slack: the bot token works: @${report.auth.botUser} (${report.auth.botUserId}) in ${report.auth.team} (${report.auth.teamId}).`);
  const scopes = Object.keys(SLACK_SCOPES).length;
  if (report.missingScopes.length === 0) list.say(`  scopes: all ${scopes} that Liaison uses are granted.`);
  else {
    list.fix(`  scopes: ${report.missingScopes.length} of ${scopes} missing:`, report.missingScopes.length);
    for (const scope of report.missingScopes) list.say(`    ${scope}: ${SLACK_SCOPES[scope]}`);
    list.say('    Add them under OAuth & Permissions → Bot Token Scopes (or create the app again from slack-app-manifest.yaml), then reinstall the app.');
  }
  if (!report.socketMode) list.say(`  mode: HTTP (no SLACK_APP_TOKEN): Slack must reach ${publicUrl(env)}/slack/events; for a trial without a public URL, use slack-app-manifest.socket-mode.yaml and set SLACK_APP_TOKEN.`);
  else if (report.socketMode.ok) list.say('  mode: Socket Mode: the app-level token (SLACK_APP_TOKEN) works.');
  else list.fix(`  mode: Socket Mode: Slack refused SLACK_APP_TOKEN (${report.socketMode.error}): make an app-level token with connections:write under Basic Information → App-Level Tokens, and turn Socket Mode on.`);
  // A placeholder is wrong whatever Slack answers about it.
  const ready = report.channels.filter((c) => c.state === 'member' && !isPlaceholder(c.id));
  list.say(`  channels: the bot is in ${ready.length} of ${report.channels.length} the config names${ready.length === report.channels.length ? '.' : ':'}`);
  for (const channel of report.channels.filter((c) => !ready.includes(c))) {
    const where = channelWords(channel);
    if (isPlaceholder(channel.id)) list.fix(`    ${where}: a placeholder; put the channel's ID in ${loaded.path} (channel details → About, at the bottom).`);
    else if (channel.state === 'not_member') list.fix(`    ${where}: the bot is not in it; type /invite @${report.auth.botUser} in that channel.`);
    else if (channel.state === 'not_found') list.fix(`    ${where}: no such channel, or a private one the bot is not in; check the ID, or /invite @${report.auth.botUser} in it.`);
    else list.fix(`    ${where}: Slack answered ${channel.error ?? 'an error'}.`);
  }
  for (const group of report.groups.filter((g) => g.state !== 'ok' && !isPlaceholder(g.id))) {
    if (group.state === 'not_found') list.fix(`  user group ${groupWords(group)}: no such user group in this workspace; check the ID (the group's page URL ends with it).`);
    else if (group.state === 'empty') list.fix(`  user group ${groupWords(group)}: has nobody in it, so nobody is recognised through it.`);
    else list.fix(`  user group ${groupWords(group)}: Slack answered ${group.error ?? 'an error'}.`);
  }
  const others = placeholderIds(loaded.config).filter((p) => !report.channels.some((c) => c.id === p.id));
  if (others.length > 0) list.fix(`  other placeholders in ${loaded.path}: ${others.map((p) => `${p.id} (${p.path})`).join(', ')}; put the real user group and member IDs there.`, others.length);
}
