import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHORTCUT_CALLBACK } from '../../src/adapters/slack/listeners/modal-listeners.js';

const manifest = parse(readFileSync(new URL('../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as {
  features: { shortcuts: { callback_id: string; type: string }[]; slash_commands: { command: string; url: string }[]; app_home: { home_tab_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
};

describe('the Slack app manifest', () => {
  it('declares the shortcut, commands, events and Home tab the app listens for, all at /slack/events', () => {
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: SHORTCUT_CALLBACK })]);
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(['/escalate', '/feedback', '/liaison']);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'message.channels', 'message.groups', 'reaction_added', 'reaction_removed']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c) => c.url)];
    expect(urls.every((u) => u.endsWith('/slack/events'))).toBe(true);
  });

  it('asks for no scope beyond the Web API methods and events Liaison uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'im:write', 'reactions:read', 'usergroups:read', 'users:read']);
  });
});
