import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/test-database.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, eventCallback, messageEvent, slashCommand } from './helpers/slack-payloads.js';
import { buttonValue, mentions, shown, topLevel } from './helpers/slack-asserts.js';

const ORIGINAL_TS = '1794837540.000100';
const respond = (h: SlackHarness, id: string) => `${h.fake.url}/respond/${id}`;

describe('Slack, from a Slack Connect message to the leadership digest', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('routes a Slack Connect message to Product, lets only Product act, answers the author and counts it in the digest', async () => {
    const h = await startSlack();
    const said = eventCallback(messageEvent({ channel: 'C0BIGCO', ts: ORIGINAL_TS, user: 'U0CUST', text: 'We would love an export to CSV, please add it', user_profile: { display_name: 'Casey (BigCo)' } }));
    expect((await h.event(said)).status).toBe(200);
    await h.settle();

    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
    const card = topLevel(h.fake, 'C0PRODUCT');
    expect(shown(card)).toContain('Casey (BigCo)');
    expect(shown(card)).toContain('https://testco.slack.com/archives/C0BIGCO/p1794837540000100');
    const productCardTs = card.ts;

    // Lena is in Sales, not Product: she is told why, and the card does not change.
    await h.interaction(blockAction({ user: 'U0LENA', channel: 'C0PRODUCT', messageTs: productCardTs, actionId: 'card:acknowledge', value: buttonValue(h.fake, 'C0PRODUCT', 'card:acknowledge'), responseUrl: respond(h, 'lena') }));
    await h.settle();
    const refusal = h.fake.called('response_url').find((r) => String(r.url).endsWith('/lena'));
    expect(refusal).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(refusal?.text)).toContain('Only members of Product can acknowledge this');
    expect(h.fake.called('chat.update')).toHaveLength(0);

    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: productCardTs, actionId: 'card:acknowledge', value: buttonValue(h.fake, 'C0PRODUCT', 'card:acknowledge'), responseUrl: respond(h, 'priya-1') }));
    await h.settle();
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('Acknowledged');
    expect(h.fake.posts('C0PRODUCT').some((m) => m.thread_ts === productCardTs && shown(m).includes('(Product) acknowledged this'))).toBe(true);

    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: productCardTs, actionId: 'card:resolve', value: buttonValue(h.fake, 'C0PRODUCT', 'card:resolve'), responseUrl: respond(h, 'priya-2') }));
    await h.settle();
    const update = h.fake.called('chat.update').at(-1) as Record<string, unknown>;
    expect(shown(update)).toContain('Resolved');
    expect(shown(update)).not.toContain('card:resolve');
    const [reply] = h.fake.posts('C0BIGCO');
    expect(reply?.thread_ts).toBe(ORIGINAL_TS);
    expect(new Set(mentions(reply))).toEqual(new Set(['<@U0CUST>']));
    expect(shown(reply)).toContain('Product at Testco has resolved this');

    // A week later, the leadership thread for that week.
    h.ctx.clock.set('2026-11-23T15:00:00Z');
    await h.command(slashCommand({ command: '/liaison', text: 'digest', user: 'U0MAYA', channel: 'C0LEADERS', responseUrl: respond(h, 'maya') }));
    await h.settle();
    const summary = topLevel(h.fake, 'C0LEADERS');
    const replies = h.fake.posts('C0LEADERS').filter((m) => m.thread_ts === summary.ts);
    expect(shown(summary)).toContain('2026-W47');
    // Two routings (Product for the idea, Sales because BigCo is a customer), one acknowledged and resolved.
    // One item, routed to two teams: said apart.
    expect(shown(summary)).toContain('1 item of feedback came in (the week before: 0), assigned to teams 2 times (one item can go to several teams).');
    expect(shown(summary)).toContain('resolved 1 (the week before: 0)');
    expect(replies).toHaveLength(4);
    const productReply = replies.find((m) => shown(m).includes('*Product · 2026-W47*'));
    expect(shown(productReply)).toContain('1 item assigned (the week before: 0): 1 acknowledged or taken, 1 resolved');
    // Product answered for the item, so nothing about it fell between silos.
    expect(replies.some((m) => shown(m).includes('Fell between silos') && shown(m).includes('Nothing fell between silos: every item was answered'))).toBe(true);
  });
});

