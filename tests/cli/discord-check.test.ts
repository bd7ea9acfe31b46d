import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, FAKE_TOKEN } from '../discord/fakes/fake-discord.js';
import { APPLICATION_ID, BOT_USER, GUILD_ID } from '../discord/fakes/fake-state.js';
import { buildLiaison, runLiaison } from '../lifecycle/helpers/liaison-process.js';

const READY = `
teams:
  support: { name: Support, home: { discord: "1203" }, members: { discordRole: "7781" }, oncall: { discordRole: "7782" } }
communities:
  makers: { name: Makers, sources: [ { discord: { guild: "1100", channels: ["1101"], forums: ["1102"] } } ] }
routing: { fallback: support }
`;

const BROKEN = `
teams:
  support: { name: Support, home: { discord: "1203" }, members: { discordRole: "7781" } }
  product: { name: Product, home: { discord: "1204" }, members: { discordRole: "7000" }, oncall: { discordRole: "7790" } }
communities:
  makers: { name: Makers, sources: [ { discord: { guild: "1100", channels: ["1101"], forums: ["1102"] } } ] }
  elsewhere: { name: Elsewhere, sources: [ { discord: { guild: "1300", channels: ["1301"] } } ] }
routing: { fallback: support }
discord: { forumTags: { resolved: Resolved } }
digests: { leadership: { home: { discord: "1999" } } }
`;

describe('liaison discord check, against a loopback Discord', () => {
  let root: string;
  let discord: FakeDiscord;
  beforeAll(async () => {
    root = await buildLiaison();
    await writeFile(join(root, 'ready.yaml'), READY);
    await writeFile(join(root, 'broken.yaml'), BROKEN);
  }, 120_000);
  beforeEach(async () => {
    discord = await new FakeDiscord(() => new Date()).start();
    discord.state.addMember({ id: BOT_USER.id, username: BOT_USER.username });
  });
  afterEach(async () => discord.stop());

  async function check(config: string, env: Record<string, string> = {}) {
    const run = runLiaison(root, ['discord', 'check'], { LOG_LEVEL: '', LIAISON_CONFIG: config, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl, ...env });
    const { code } = await run.exited;
    return { code, lines: run.output().trim().split('\n') };
  }

  it('says Discord is ready when the token, the intent, the server and every channel\'s permissions are as Liaison needs', async () => {
    const { code, lines } = await check('ready.yaml');
    expect(lines).toEqual([
      `Discord: the bot token works: Liaison (${BOT_USER.id}), application ${APPLICATION_ID}.`,
      '  Message Content intent: on.',
      '  servers: the bot is in 1 of 1 the config names.',
      '  channels: 3 of 3 the config names are ready.',
      'Discord is ready for Liaison.',
    ]);
    expect(code).toBe(0);
  });

  it('prints exactly what is missing: the intent, the application, a server, and each channel\'s missing permissions', async () => {
    discord.state.applicationFlags = 0;
    // @everyone may not post in the source channel; the forum needs Manage Threads for its tags; one team channel is hidden.
    const source = discord.state.channels.get('1101');
    if (source) source.permission_overwrites = [{ id: GUILD_ID, type: 0, allow: '0', deny: String(PermissionFlagsBits.SendMessages) }];
    discord.rest.failNext('GET', /^\/channels\/1204$/, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    const { code, lines } = await check('broken.yaml', { DISCORD_APPLICATION_ID: '123456' });
    expect(lines).toEqual([
      `Discord: the bot token works: Liaison (${BOT_USER.id}), application ${APPLICATION_ID}.`,
      `  DISCORD_APPLICATION_ID is 123456, but the token is application ${APPLICATION_ID}'s: set DISCORD_APPLICATION_ID=${APPLICATION_ID}.`,
      '  Message Content intent: off; turn on Bot → Privileged Gateway Intents → Message Content Intent in the developer portal (without it, community messages arrive with no text).',
      '  servers: the bot is in 1 of 2 the config names:',
      `    not in server 1300; invite it with https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=bot+applications.commands&permissions=326417599488`,
      '  channels: 1 of 6 the config names are ready:',
      "    1204 (home of team Product): the bot cannot see it; allow View Channels for the bot (or its role) in the channel's Permissions.",
      "    #feedback 1101 (source of community Makers): missing Send Messages; allow them for the bot (or its role) in the channel's Permissions.",
      "    #help-forum 1102 (forum of community Makers): missing Manage Threads; allow them for the bot (or its role) in the channel's Permissions.",
      '    1301 (source of community Elsewhere): in a server the bot is not in (see servers above).',
      '    1999 (leadership digest): no such channel; check the ID (Developer Mode → right-click the channel → Copy Channel ID).',
      '  role 7000 (members of team Product): no such role in the servers the bot is in; check the ID (Server Settings → Roles → right-click → Copy Role ID).',
      '  role @Community managers 7790 (on-call of team Product): not mentionable, so a page does not reach them; turn on Allow anyone to @mention this role (Server Settings → Roles).',
      'Discord: 9 things to fix (above).',
    ]);
    expect(code).toBe(1);
  });

  it('a role of the bot that grants the missing permission makes the channel ready', async () => {
    discord.state.guilds.get(GUILD_ID)?.roles.push({ id: '7799', name: 'Liaison', permissions: String(PermissionFlagsBits.ManageThreads), mentionable: false });
    discord.state.addMember({ id: BOT_USER.id, username: BOT_USER.username }, ['7799']);
    await writeFile(join(root, 'tags.yaml'), `${READY}discord: { forumTags: { resolved: Resolved } }\n`);
    expect((await check('tags.yaml')).lines.at(-1)).toBe('Discord is ready for Liaison.');
  });

  it('without a token, says which variable to set, in one line', async () => {
    const { code, lines } = await check('ready.yaml', { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(lines).toEqual(['Set DISCORD_TOKEN (Bot → Reset Token in the Discord developer portal) to check Discord.']);
    expect(code).toBe(1);
  });

  it('a refused token is one line saying what to do', async () => {
    const { code, lines } = await check('ready.yaml', { DISCORD_TOKEN: 'not-the-bot-token-at-all' });
    expect(lines).toEqual(["Discord refused DISCORD_TOKEN (401: Unauthorized): copy the bot's token again (Bot → Reset Token in the developer portal)."]);
    expect(code).toBe(1);
  });
});
