import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actions, feedbackItems, routings, voices } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { shown } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { eventCallback, reactionEvent } from './helpers/slack-payloads.js';

let eventTs = 1_794_840_000;
const react = (h: SlackHarness, type: 'reaction_added' | 'reaction_removed', user: string, reaction: string, channel: string, ts: string) =>
  h.event(eventCallback(reactionEvent(type, { user, reaction, channel, ts, eventTs: `${eventTs++}.000300` })));

describe('reactions on Slack cards and messages', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('a product member\'s :eyes: acknowledges the card, removing it undoes that, and adding it again counts again', async () => {
    const h = await startSlack();
    const { productCard } = await feedbackCarded(h);
    const status = async () => (await h.ctx.db.select({ status: routings.status }).from(routings).where(eq(routings.teamId, 'product')))[0]?.status;

    await react(h, 'reaction_added', 'U0PRIYA', 'eyes', 'C0PRODUCT', productCard);
    await h.settle();
    expect(await status()).toBe('acknowledged');
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('Acknowledged');

    await react(h, 'reaction_removed', 'U0PRIYA', 'eyes', 'C0PRODUCT', productCard);
    await h.settle();
    expect(await status()).toBe('open');
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('*Open*');

    await react(h, 'reaction_added', 'U0PRIYA', 'eyes', 'C0PRODUCT', productCard);
    await h.settle();
    expect(await status()).toBe('acknowledged');

    const ledger = await h.ctx.db.select().from(actions).where(eq(actions.teamId, 'product')).orderBy(asc(actions.id));
    expect(ledger.map((a) => [a.kind, a.via])).toEqual([['acknowledge', 'reaction'], ['undo', 'reaction'], ['acknowledge', 'reaction']]);
    expect(ledger[1]?.undoesId).toBe(ledger[0]?.id);
    // Each change is logged in the card's thread.
    expect(h.fake.posts('C0PRODUCT').filter((m) => m.thread_ts === productCard)).toHaveLength(3);
  });

  it('a reaction by someone outside the team changes nothing and tells them why, and its removal undoes nothing', async () => {
    const h = await startSlack();
    const { productCard } = await feedbackCarded(h);
    await react(h, 'reaction_added', 'U0LENA', 'white_check_mark', 'C0PRODUCT', productCard);
    await react(h, 'reaction_removed', 'U0LENA', 'white_check_mark', 'C0PRODUCT', productCard);
    await h.settle();
    const refusal = h.fake.called('chat.postEphemeral').find((m) => m.user === 'U0LENA');
    expect(refusal).toMatchObject({ channel: 'C0PRODUCT' });
    expect(String(refusal?.text)).toContain('Only members of Product can resolve this');
    expect(await h.ctx.db.$count(actions, eq(actions.teamId, 'product'))).toBe(0);
    expect(h.fake.called('chat.update')).toHaveLength(0);
  });

  it('the same emoji on a message that is not a card is ignored quietly', async () => {
    const h = await startSlack();
    await react(h, 'reaction_added', 'U0PRIYA', 'eyes', 'C0PRODUCT', '1794837000.000100');
    await h.settle();
    expect(h.fake.called('chat.postEphemeral')).toEqual([]);
    expect(h.fake.posts()).toEqual([]);
  });

  it('a community manager\'s :mega: on a thread reply in a source channel captures it and tells them privately; anyone else\'s does nothing', async () => {
    const h = await startSlack();
    h.fake.messages.set('C0BIGCO:1794837600.000200', { text: 'Also, the invoice PDF is broken', user: 'U0CUST2', thread_ts: '1794837500.000100' });
    await react(h, 'reaction_added', 'U0LENA', 'mega', 'C0BIGCO', '1794837600.000200');
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);

    await react(h, 'reaction_added', 'U0MAYA', 'mega', 'C0BIGCO', '1794837600.000200');
    await h.settle();
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item?.text).toBe('Also, the invoice PDF is broken');
    expect(item?.permalink).toBe('https://testco.slack.com/archives/C0BIGCO/p1794837600000200');
    expect(h.fake.called('conversations.replies')).toHaveLength(1);
    // The author's answer will land in the same thread.
    expect((await h.ctx.db.select().from(voices))[0]).toMatchObject({ threadId: '1794837500.000100', capturedVia: 'reaction', capturedBy: 'u0maya' });
    expect(h.fake.posts('C0SALES')).toHaveLength(1);
    // Maya alone is told, where she reacted, that it worked and under which number.
    const told = h.fake.called('chat.postEphemeral').filter((m) => m.user === 'U0MAYA');
    expect(told.map((m) => [m.channel, m.text])).toEqual([['C0BIGCO', `:inbox_tray: Captured as <http://localhost:3000/items/${item?.id}|#${item?.id}> and sent to Support and Sales.`]]);
    expect(h.fake.called('chat.postEphemeral').filter((m) => m.user === 'U0LENA')).toEqual([]);
  });

  it('a :mega: outside any source asks the community manager which community the message is from', async () => {
    const h = await startSlack();
    h.fake.messages.set('C0RANDOM:1794837700.000100', { text: 'A customer told me pricing is confusing', user: 'U0SOMEONE' });
    await react(h, 'reaction_added', 'U0MAYA', 'mega', 'C0RANDOM', '1794837700.000100');
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    const ask = h.fake.called('chat.postEphemeral').find((m) => m.user === 'U0MAYA');
    expect(shown(ask)).toContain('capture:open');
  });
});
