import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actions, routings } from '../../src/db/schema/index.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, mentions, shown, topLevel } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { DEFAULT_MEMBERS, useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, slashCommand } from './helpers/slack-payloads.js';

const members = { ...DEFAULT_MEMBERS, S0PROD: ['U0PRIYA', 'U0PAT'] };
const click = (h: SlackHarness, user: string, actionId: string, messageTs: string, respondId: string, actionTs?: string) =>
  h.interaction(blockAction({ user, channel: 'C0PRODUCT', messageTs, actionId, value: buttonValue(h.fake, 'C0PRODUCT', actionId), responseUrl: `${h.fake.url}/respond/${respondId}`, actionTs }));

describe('card buttons and closing the loop on Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('the second of two product members to click is told who got there first, and the card changes once', async () => {
    const h = await startSlack({ members });
    const { productCard } = await feedbackCarded(h);
    await Promise.all([click(h, 'U0PRIYA', 'card:resolve', productCard, 'priya'), click(h, 'U0PAT', 'card:resolve', productCard, 'pat')]);
    await h.settle();
    const told = h.fake.called('response_url');
    expect(told).toHaveLength(1);
    expect(String(told[0]?.text)).toMatch(/^:no_entry: You cannot resolve this now: (u0priya|u0pat) \(Product\) already resolved it at \d\d:\d\d UTC\.$/);
    expect(await h.ctx.db.$count(actions, eq(actions.teamId, 'product'))).toBe(1);
  });

  it('the same click delivered twice records one action', async () => {
    const h = await startSlack({ members });
    const { productCard } = await feedbackCarded(h);
    await click(h, 'U0PRIYA', 'card:own', productCard, 'a', '1794840000.111111');
    await click(h, 'U0PRIYA', 'card:own', productCard, 'b', '1794840000.111111');
    await h.settle();
    expect(await h.ctx.db.$count(actions, eq(actions.teamId, 'product'))).toBe(1);
    const [product] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    expect(product?.owner?.id).toBe('U0PRIYA');
  });

  it('feedback captured by command is answered by DM, and the community\'s ambassador hears of it too', async () => {
    const h = await startSlack();
    await h.command(slashCommand({ command: '/feedback', text: '<@U0ANN|ann> community:makers Please add a dark mode feature', user: 'U0MAYA', channel: 'C0RANDOM', responseUrl: `${h.fake.url}/respond/m` }));
    await h.settle();
    const card = topLevel(h.fake, 'C0PRODUCT');
    await click(h, 'U0PRIYA', 'card:resolve', card.ts, 'p');
    await h.settle();
    const opened = h.fake.called('conversations.open').map((c) => c.users);
    expect(opened).toEqual(expect.arrayContaining(['U0ANN', 'U0AMBER']));
    const toAnn = h.fake.posts('DU0ANN');
    expect(toAnn).toHaveLength(1);
    expect(new Set(mentions(toAnn[0]))).toEqual(new Set(['<@U0ANN>']));
    expect(shown(h.fake.posts('DU0AMBER')[0])).toContain('*Product* resolved feedback #1 from Makers Discord');
  });

  it('with replies set to DM, the author of a channel message hears back privately', async () => {
    const h = await startSlack({ config: testConfig((c) => void (c.closeTheLoop = { onResolved: 'dm', onDeclined: 'dm', onAcknowledged: 'none', grace: '0m' })) });
    const { productCard } = await feedbackCarded(h, 'We would love an export to CSV\nand to Excel too');
    await click(h, 'U0PRIYA', 'card:resolve', productCard, 'p');
    await h.settle();
    expect(h.fake.posts('C0BIGCO')).toEqual([]);
    // A direct message has no thread around it: it says which feedback it is about.
    expect(shown(h.fake.posts('DU0CUST')[0])).toContain('About your feedback “We would love an export to CSV”: Product at Testco has resolved this.');
  });

  it('holds the reply for the grace period, so an undo in that time means the author never hears a false "resolved"', async () => {
    const h = await startSlack({ config: testConfig((c) => void (c.closeTheLoop = { onResolved: 'reply', grace: '2m' })) });
    const { productCard, originalTs } = await feedbackCarded(h);
    await click(h, 'U0PRIYA', 'card:resolve', productCard, 'p1');
    await h.settle();
    expect(h.fake.posts('C0BIGCO').filter((m) => m.thread_ts === originalTs)).toEqual([]);
    h.ctx.clock.advance(60_000);
    await click(h, 'U0PRIYA', 'card:reopen', productCard, 'p2');
    await h.settle();
    h.ctx.clock.advance(5 * 60_000);
    await h.settle();
    expect(h.fake.posts('C0BIGCO').filter((m) => m.thread_ts === originalTs)).toEqual([]);
  });

  it('after the grace period, a reopen posts a one-line correction under the same reply thread', async () => {
    const h = await startSlack({ config: testConfig((c) => void (c.closeTheLoop = { onResolved: 'reply', grace: '2m' })) });
    const { productCard, originalTs } = await feedbackCarded(h);
    await click(h, 'U0PRIYA', 'card:resolve', productCard, 'p1');
    await h.settle();
    h.ctx.clock.advance(3 * 60_000);
    await h.settle();
    const inThread = () => h.fake.posts('C0BIGCO').filter((m) => m.thread_ts === originalTs).map((m) => String(m.text));
    expect(inThread()).toEqual([expect.stringContaining('Product at Testco has resolved this.')]);
    await click(h, 'U0PRIYA', 'card:reopen', productCard, 'p2');
    await h.settle();
    expect(inThread()).toHaveLength(2);
    expect(inThread()[1]).toBe('<@U0CUST> Correction: Product at Testco has reopened this and is looking at it again.');
  });
});
