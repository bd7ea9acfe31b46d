import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { SLACK_SCOPES } from '../../src/adapters/slack/setup/slack-scopes.js';
import { FakeSlackApi } from '../slack/helpers/fake-slack-api.js';
import { buildLiaison, ROOT, runLiaison } from '../lifecycle/helpers/liaison-process.js';

const CONFIG = `
teams:
  product: { name: Product, home: { slack: C0PRODUCT }, members: { slackUserGroup: S0PRODUCT } }
  sales: { name: Sales, home: { slack: C0SALES }, members: { slackUserGroup: S0SALES }, oncall: { slackUserGroup: S0ONCALL } }
communities:
  customers: { name: Customers, sources: [ { slack: { channels: [C0CUSTOMERS, C0PRIVATE] } } ] }
routing: { fallback: product }
digests: { leadership: { home: { slack: C0SALES } } }
`;

describe('liaison slack check, against a loopback Slack', () => {
  let root: string;
  let slack: FakeSlackApi;
  beforeAll(async () => {
    root = await buildLiaison();
    await writeFile(join(root, 'slack.yaml'), CONFIG);
  }, 120_000);
  beforeEach(async () => {
    slack = await new FakeSlackApi().start();
  });
  afterAll(async () => {
    await slack?.close();
  });

  async function check(env: Record<string, string> = {}, config = 'slack.yaml') {
    const run = runLiaison(root, ['slack', 'check'], { LOG_LEVEL: '', LIAISON_CONFIG: config, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: `${slack.url}/api/`, ...env });
    const { code } = await run.exited;
    await slack.close();
    return { code, lines: run.output().trim().split('\n') };
  }

  const everyChannel = (member: boolean) => {
    for (const [id, name] of [['C0PRODUCT', 'product'], ['C0SALES', 'sales'], ['C0CUSTOMERS', 'customers']] as const) slack.channels.set(id, { name, isMember: member });
    slack.channels.set('C0PRIVATE', { name: 'vip', isMember: member, isPrivate: true });
    slack.onlyKnownGroups = true;
    for (const group of ['S0PRODUCT', 'S0SALES', 'S0ONCALL']) slack.groups.set(group, ['U0SOMEONE']);
  };

  it('says Slack is ready when the token, its scopes, the app token and every channel are as Liaison needs', async () => {
    everyChannel(true);
    const { code, lines } = await check({ SLACK_APP_TOKEN: 'xapp-test-token' });
    expect(lines).toEqual([
      'Slack: the bot token works: @liaison (UBOT) in Test Co (T0TEST).',
      '  scopes: all 9 that Liaison uses are granted.',
      '  mode: Socket Mode: the app-level token (SLACK_APP_TOKEN) works.',
      '  channels: the bot is in 4 of 4 the config names.',
      'Slack is ready for Liaison.',
    ]);
    expect(code).toBe(0);
    // The app token was the one used to open Socket Mode; the bot token for everything else.
    expect(slack.calls.find((c) => c.method === 'apps.connections.open')?.authorization).toBe('Bearer xapp-test-token');
  });

  it('prints exactly what is missing: scopes with their reason, and each channel the bot is not in', async () => {
    everyChannel(true);
    slack.channels.set('C0SALES', { name: 'sales', isMember: false });
    slack.channels.set('C0PRIVATE', { name: 'vip', isMember: false, isPrivate: true });
    slack.scopes = slack.scopes.filter((s) => s !== 'users:read' && s !== 'reactions:read');
    slack.groups.delete('S0ONCALL');
    slack.groups.set('S0SALES', []);
    const { code, lines } = await check();
    expect(lines).toEqual([
      'Slack: the bot token works: @liaison (UBOT) in Test Co (T0TEST).',
      '  scopes: 2 of 9 missing:',
      '    reactions:read: reactions on cards (acknowledge, take, resolve) and the capture reaction',
      "    users:read: people's display names",
      '    Add them under OAuth & Permissions → Bot Token Scopes (or create the app again from slack-app-manifest.yaml), then reinstall the app.',
      '  mode: HTTP (no SLACK_APP_TOKEN): Slack must reach http://localhost:0/slack/events; for a trial without a public URL, use slack-app-manifest.socket-mode.yaml and set SLACK_APP_TOKEN.',
      '  channels: the bot is in 2 of 4 the config names:',
      '    C0SALES (home of team Sales, leadership digest): the bot is not in it; type /invite @liaison in that channel.',
      '    C0PRIVATE (source of community Customers): no such channel, or a private one the bot is not in; check the ID, or /invite @liaison in it.',
      '  user group S0SALES (members of team Sales): has nobody in it, so nobody is recognised through it.',
      "  user group S0ONCALL (on-call of team Sales): no such user group in this workspace; check the ID (the group's page URL ends with it).",
      'Slack: 6 things to fix (above).',
    ]);
    expect(code).toBe(1);
    // Liaison's own scopes cannot read channel details, so membership was asked through a one-message history read.
    expect(slack.called('conversations.info')).toEqual([]);
    expect(slack.called('conversations.history').map((a) => a.limit)).toEqual(['1', '1', '1', '1']);
  });

  it('asks conversations.info when the token may read channel details, and names the channels', async () => {
    everyChannel(true);
    slack.channels.set('C0PRODUCT', { name: 'product', isMember: false });
    slack.scopes = [...slack.scopes, 'channels:read'];
    const { lines } = await check({ SLACK_APP_TOKEN: 'xapp-test-token' });
    expect(lines).toContain('    #product C0PRODUCT (home of team Product): the bot is not in it; type /invite @liaison in that channel.');
    expect(slack.called('conversations.info').map((a) => a.channel)).toEqual(['C0PRODUCT', 'C0SALES', 'C0CUSTOMERS', 'C0PRIVATE']);
  });

  it('without a bot token, says which variable to set, in one line', async () => {
    const { code, lines } = await check({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '' });
    expect(lines).toEqual(["Set SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, on the app's OAuth & Permissions page) to check Slack."]);
    expect(code).toBe(1);
    expect(slack.calls).toEqual([]);
  });

  it('a refused token or app token is said in one line each, with what to do', async () => {
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const bad = await check();
    expect(bad.lines).toEqual(["Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token again from the app's OAuth & Permissions page (and install the app to the workspace if it is not)."]);
    expect(bad.code).toBe(1);
    slack = await new FakeSlackApi().start();
    everyChannel(true);
    slack.failNext('apps.connections.open', { error: 'invalid_auth' });
    const badApp = await check({ SLACK_APP_TOKEN: 'xapp-wrong' });
    expect(badApp.lines).toContain('  mode: Socket Mode: Slack refused SLACK_APP_TOKEN (invalid_auth): make an app-level token with connections:write under Basic Information → App-Level Tokens, and turn Socket Mode on.');
    expect(badApp.code).toBe(1);
  });

  it('the Slack-only example passes check-config and slack check names each placeholder ID', async () => {
    const example = join(ROOT, 'liaison.slack-example.yaml');
    const valid = runLiaison(root, ['check-config', example], { LOG_LEVEL: '' });
    expect((await valid.exited).code).toBe(0);
    expect(valid.output().trim()).toBe(`${example} is valid: 3 teams, 1 community, 1 source, 4 routing rules.`);
    const { lines } = await check({}, example);
    expect(lines).toContain(`    CXXXXPRODUCT (home of team Product): a placeholder; put the channel's ID in ${example} (channel details → About, at the bottom).`);
    expect(lines.filter((l) => l.includes(': a placeholder;'))).toHaveLength(5);
    expect(lines).toContain(`  other placeholders in ${example}: SXXXXPRODUCT (teams.product.members.slackUserGroup), SXXXXSUPPORT (teams.support.members.slackUserGroup), SXXXXONCALL (teams.support.oncall.slackUserGroup), SXXXXSALES (teams.sales.members.slackUserGroup), UXXXXAMBASSADOR (communities.customers.ambassador.slack), SXXXXCOMMUNITY (roles.communityManagers.slackUserGroup); put the real user group and member IDs there.`);
    expect(lines.at(-1)).toBe('Slack: 11 things to fix (above).');
  });
});

describe('the Slack app manifests', () => {
  const read = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8')) as { oauth_config: { scopes: { bot: string[] } }; settings: { socket_mode_enabled: boolean; event_subscriptions: Record<string, unknown>; interactivity: Record<string, unknown> }; features: { slash_commands: Record<string, unknown>[] } };

  it('ship a Socket Mode twin of the HTTP manifest: the same scopes (those slack check asks for), events and commands, no URLs', () => {
    const http = read('slack-app-manifest.yaml');
    const socket = read('slack-app-manifest.socket-mode.yaml');
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(socket.oauth_config.scopes.bot).toEqual(http.oauth_config.scopes.bot);
    expect([...socket.oauth_config.scopes.bot].sort()).toEqual(Object.keys(SLACK_SCOPES).sort());
    expect(socket.settings.event_subscriptions).toEqual({ bot_events: http.settings.event_subscriptions.bot_events });
    expect(socket.features.slash_commands).toEqual(http.features.slash_commands.map(({ url: _url, ...command }) => command));
    expect(JSON.stringify(socket)).not.toContain('url');
  });
});
