import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/test-database.js';
import { BASE, webApp } from '../web/web-http.js';
import { CHANNEL, type Json } from './fakes/fake-state.js';
import { PEOPLE, slashCommand } from './fakes/payloads.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

const SUB = 1;
const TOKEN = /http:\/\/localhost:3000\/sign-in\/([A-Za-z0-9_-]{40,})/;
const replyOf = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(i.token)}/messages/@original$`)).map((c) => c.body as { content: string }).at(-1);
const firstResponse = (h: DiscordHarness, i: Json) => h.discord.rest.callsTo('POST', new RegExp(`^/interactions/${String(i.id)}/`)).map((c) => c.body as Json)[0];

describe('getting a web sign-in link from Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('/liaison web replies privately with a link that signs in that Discord user with their roles', async () => {
    const h = await startDiscord();
    const interaction = slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'web', options: [] }], PEOPLE.sam, CHANNEL.supportHome);
    await h.send('INTERACTION_CREATE', interaction);
    expect(firstResponse(h, interaction)).toEqual({ type: 5, data: { flags: 64 } });
    const reply = replyOf(h, interaction);
    expect(reply?.content).toContain('works once, until <t:');
    const token = TOKEN.exec(String(reply?.content))?.[1];
    const app = webApp(h.ctx);
    const signedIn = await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const account = await (await app.request(`${BASE}/account`, { headers: { cookie } })).text();
    expect(account).toContain(`(${PEOPLE.sam.user.id})`);
    expect(account).toContain('Signed in as Sam');
    expect(account).toContain('Support');
  });

  it('/liaison web tells a community member with no role why there is no link', async () => {
    const h = await startDiscord();
    const interaction = slashCommand(h.discord.state, 'liaison', [{ type: SUB, name: 'web', options: [] }], PEOPLE.ben, CHANNEL.elsewhere);
    await h.send('INTERACTION_CREATE', interaction);
    const reply = replyOf(h, interaction);
    expect(reply?.content).toContain('You are not in any team, among the community managers or in leadership');
    expect(reply?.content).not.toMatch(TOKEN);
  });
});
