import { describe, expect, it } from 'vitest';
import { userText } from '../../src/adapters/slack/mrkdwn.js';
import { feedbackItems } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, mentions, shown, topLevel } from './helpers/slack-asserts.js';
import { useSlackHarness } from './helpers/slack-harness.js';
import { blockAction, eventCallback, messageEvent, viewSubmission } from './helpers/slack-payloads.js';

const HOSTILE = 'Feature please @here @channel <!channel> <!here|here> <@U0PRIYA> <!subteam^S0PROD|@product> <https://evil.example/login|Click to keep your account> \u202Eevil\u202C bad\u0000byte &amp; more';

describe('text from outside is inert on Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('a hostile message reaches the card readable, but pings nobody, links nowhere and hides nothing', async () => {
    const h = await startSlack();
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: HOSTILE, user_profile: { display_name: '<!everyone> Casey' } })));
    await h.settle();
    const card = topLevel(h.fake, 'C0PRODUCT');
    const drawn = shown(card);
    // The only markup left is Liaison's own dates, which Slack shows in each reader's timezone.
    expect(mentions(card).length).toBeGreaterThan(0);
    expect(mentions(card).every((m) => m.startsWith('<!date^'))).toBe(true);
    expect(drawn).not.toMatch(/<https:\/\/evil/);
    expect(drawn).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(drawn).not.toContain('\\u0000'); // JSON's spelling of NUL
    expect(drawn).toContain('@\u200Bhere');
    expect(drawn).toContain('Click to keep your account (https://evil.example/login)');
    expect(card.link_names).toBe('false');
    expect(card.parse).toBe('none');
    // User text is in sections Slack renders verbatim: no auto-linked URLs or names.
    const blocks = card.blocks as { text?: { text: string; verbatim?: boolean } }[];
    expect(blocks.filter((b) => b.text?.text.includes('Feature please')).every((b) => b.text?.verbatim === true)).toBe(true);
  });

  it('a decline reason with mentions reaches the author without pinging anyone but the author', async () => {
    const h = await startSlack();
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add a feature for exports' })));
    await h.settle();
    const card = topLevel(h.fake, 'C0PRODUCT');
    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: card.ts, actionId: 'card:decline', value: buttonValue(h.fake, 'C0PRODUCT', 'card:decline'), responseUrl: `${h.fake.url}/respond/x` }));
    await h.settle();
    const meta = (h.fake.called('views.open')[0]?.view as { private_metadata: string }).private_metadata;
    await h.interaction(viewSubmission({ user: 'U0PRIYA', callbackId: 'liaison:decline', privateMetadata: meta, values: { reason: 'Ask <!channel> or <@U0LENA> or <!subteam^S0SALES>' } }));
    await h.settle();
    const [reply] = h.fake.posts('C0BIGCO');
    expect(new Set(mentions(reply))).toEqual(new Set(['<@U0CUST>']));
    for (const update of h.fake.called('chat.update')) expect(mentions(update).filter((m) => !m.startsWith('<!date^'))).toEqual([]);
  });

  it('escapes every Slack control sequence and strips what cannot be seen', () => {
    expect(userText('<!subteam^S1> <@W1> <#C1> a & b > c \u2066x\u2069 \u0000')).toBe('&lt;\u200B!subteam^S1&gt; &lt;\u200B@W1&gt; &lt;\u200B#C1&gt; a &amp; b &gt; c x ');
    expect(userText('@everyone @ALL')).toBe('@\u200Beveryone @\u200BALL');
  });

  it('a card keeps an oversized message within Block Kit limits', async () => {
    const h = await startSlack();
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: `Please add a feature ${'<@U0PRIYA> '.repeat(3_000)}` })));
    await h.settle();
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item?.text.length).toBeGreaterThan(10_000);
    const blocks = topLevel(h.fake, 'C0PRODUCT').blocks as { text?: { text: string } }[];
    expect(Math.max(...blocks.map((b) => b.text?.text.length ?? 0))).toBeLessThanOrEqual(3_000);
  });
});
