import { describe, expect, it } from 'vitest';
import { WEB_LINK_ACTION } from '../../src/adapters/slack/app-home-view.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { BASE, webApp } from '../web/web-http.js';
import { shown } from './helpers/slack-asserts.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, slashCommand } from './helpers/slack-payloads.js';

const TOKEN = /http:\/\/localhost:3000\/sign-in\/([A-Za-z0-9_-]{40,})/;

describe('getting a web sign-in link from Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  const ask = async (h: SlackHarness, user: string) => {
    await h.command(slashCommand({ command: '/liaison', text: 'web', user, channel: 'C0RANDOM', responseUrl: `${h.fake.url}/respond/${user}` }));
    await h.settle();
    return h.fake.called('response_url').filter((r) => String(r.url).endsWith(`/${user}`)).at(-1);
  };

  it('/liaison web answers privately with a one-time link that signs that Slack user in, with their user groups', async () => {
    const h = await startSlack();
    const answer = await ask(h, 'U0PRIYA');
    expect(answer?.response_type).toBe('ephemeral');
    expect(String(answer?.text)).toContain('works once, until');
    const token = TOKEN.exec(String(answer?.text))?.[1];
    expect(token).toBeDefined();
    const app = webApp(h.ctx);
    const signedIn = await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const account = await (await app.request(`${BASE}/account`, { headers: { cookie } })).text();
    expect(account).toContain('(U0PRIYA)');
    expect(account).toContain('Signed in as');
    expect(account).toContain('Product');
  });

  it('/liaison web tells someone with no team or role why there is no link', async () => {
    const h = await startSlack();
    const answer = await ask(h, 'U0NOBODY');
    expect(String(answer?.text)).toContain('You are not in any team, among the community managers or in leadership');
    expect(String(answer?.text)).not.toMatch(TOKEN);
  });

  it('the Home tab’s "Open the web app" button puts a sign-in link where the button was', async () => {
    const h = await startSlack();
    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'D0PRIYA', messageTs: '1', actionId: WEB_LINK_ACTION, value: 'open', responseUrl: `${h.fake.url}/respond/home` }));
    await h.settle();
    const publish = h.fake.called('views.publish').at(-1);
    expect(publish?.user_id).toBe('U0PRIYA');
    const drawn = shown({ blocks: (publish?.view as { blocks: unknown[] }).blocks });
    expect(drawn).toMatch(TOKEN);
    expect(drawn).toContain('Open the web app');
  });
});
