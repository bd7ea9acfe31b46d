import { WebClient, type WebAPICallResult } from '@slack/web-api';
import type { ConfiguredChannel } from '../../../config/configured-channels.js';
import type { ConfiguredGroup } from '../../../config/configured-groups.js';
import { SLACK_SCOPES, type SlackScope } from './slack-scopes.js';

export type SlackChannelState = 'member' | 'not_member' | 'not_found' | 'error';

export interface SlackSetupReport {
  auth: { ok: true; team: string; teamId: string; botUser: string; botUserId: string } | { ok: false; error: string };
  /** Scopes Liaison needs that the token was not granted (from the x-oauth-scopes header of auth.test). */
  missingScopes: SlackScope[];
  /** Socket Mode's app-level token, when one is set: apps.connections.open answers with a URL, or an error. */
  socketMode?: { ok: true } | { ok: false; error: string };
  channels: (ConfiguredChannel & { state: SlackChannelState; name?: string; error?: string })[];
  /** The user groups the config names; not asked when usergroups:read is missing (reported above). */
  groups: (ConfiguredGroup & { state: 'ok' | 'empty' | 'not_found' | 'error'; error?: string })[];
}

const slackError = (error: unknown) => (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code ?? String(error);

/**
 * Whether the bot can see a channel. conversations.info says so (`is_member`) when the token may read channel
 * details; Liaison's own scopes do not include those, so otherwise a one-message history read answers instead:
 * Slack refuses it with not_in_channel (public) or channel_not_found (private) when the bot is not in it.
 */
async function membership(client: WebClient, id: string, granted: Set<string>): Promise<{ state: SlackChannelState; name?: string; error?: string }> {
  if (granted.has('channels:read') || granted.has('groups:read')) {
    try {
      const info = await client.conversations.info({ channel: id });
      return { state: info.channel?.is_member ? 'member' : 'not_member', name: info.channel?.name };
    } catch (error) {
      const code = slackError(error);
      if (code === 'channel_not_found') return { state: 'not_found' };
      if (code !== 'missing_scope') return { state: 'error', error: code };
    }
  }
  try {
    await client.conversations.history({ channel: id, limit: 1 });
    return { state: 'member' };
  } catch (error) {
    const code = slackError(error);
    if (code === 'not_in_channel') return { state: 'not_member' };
    if (code === 'channel_not_found') return { state: 'not_found' };
    return { state: 'error', error: code };
  }
}

/** Asks Slack whether the bot token, its scopes, the app token and every configured channel are as Liaison needs. */
export async function checkSlackSetup(options: { token: string; appToken?: string; apiUrl?: string; channels: ConfiguredChannel[]; groups: ConfiguredGroup[] }): Promise<SlackSetupReport> {
  const slackApiUrl = options.apiUrl ? options.apiUrl.replace(/\/?$/, '/') : undefined;
  const settings = { slackApiUrl, retryConfig: { retries: 0 }, timeout: 10_000 };
  const client = new WebClient(options.token, settings);
  let auth: WebAPICallResult & { team?: string; team_id?: string; user?: string; user_id?: string };
  try {
    auth = await client.auth.test();
  } catch (error) {
    return { auth: { ok: false, error: slackError(error) }, missingScopes: [], channels: [], groups: [] };
  }
  const granted = new Set(auth.response_metadata?.scopes ?? []);
  const missingScopes = (Object.keys(SLACK_SCOPES) as SlackScope[]).filter((scope) => !granted.has(scope));
  let socketMode: SlackSetupReport['socketMode'];
  if (options.appToken) {
    try {
      await new WebClient(options.appToken, settings).apps.connections.open();
      socketMode = { ok: true };
    } catch (error) {
      socketMode = { ok: false, error: slackError(error) };
    }
  }
  const channels = [];
  for (const channel of options.channels.filter((c) => c.platform === 'slack')) channels.push({ ...channel, ...(await membership(client, channel.id, granted)) });
  const groups: SlackSetupReport['groups'] = [];
  if (granted.has('usergroups:read')) {
    for (const group of options.groups.filter((g) => g.platform === 'slack')) {
      try {
        const listed = await client.usergroups.users.list({ usergroup: group.id });
        groups.push({ ...group, state: listed.users?.length ? 'ok' : 'empty' });
      } catch (error) {
        const code = slackError(error);
        groups.push({ ...group, state: code === 'no_such_subteam' ? 'not_found' : 'error', error: code });
      }
    }
  }
  return {
    auth: { ok: true, team: auth.team ?? '', teamId: auth.team_id ?? '', botUser: auth.user ?? '', botUserId: auth.user_id ?? '' },
    missingScopes,
    socketMode,
    channels,
    groups,
  };
}
