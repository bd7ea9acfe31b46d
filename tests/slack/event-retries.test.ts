import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { inboundRetryJob } from '../../src/jobs/inbound-retry-job.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { useSlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent } from './helpers/slack-payloads.js';

const TS = '1794837540.000100';
const idea = (fields: Partial<Parameters<typeof messageEvent>[0]> = {}) => messageEvent({ channel: 'C0BIGCO', ts: TS, text: 'We would love an export to CSV', ...fields });

describe('Slack events: retries, duplicates and what is not feedback', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('a Slack retry of a message creates no second item and no second card', async () => {
    const h = await startSlack();
    const body = eventCallback(idea(), 'Ev1');
    expect((await h.event(body)).status).toBe(200);
    await h.settle();
    expect((await h.event(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
    expect(h.fake.posts().filter((m) => !m.thread_ts)).toHaveLength(2); // Product and Sales, once each
  });

  it('the same Slack Connect message delivered to two workspaces (two event IDs) is one item', async () => {
    const h = await startSlack();
    await Promise.all([h.event(eventCallback(idea(), 'EvFromUs')), h.event(eventCallback(idea(), 'EvFromBigCo'))]);
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
  });

  it('a retry whose first attempt never arrived is processed like a first delivery', async () => {
    const h = await startSlack();
    await h.event(eventCallback(idea(), 'EvLost'), { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' });
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
  });

  it('ignores bot posts, edits, joins, thread replies and channels that are not sources', async () => {
    const h = await startSlack();
    await h.event(eventCallback(idea({ bot_id: 'B0OTHER', ts: '1794837541.000100' })));
    await h.event(eventCallback(idea({ subtype: 'message_changed', ts: '1794837542.000100' })));
    await h.event(eventCallback(idea({ subtype: 'channel_join', text: '<@U0CUST> has joined the channel', ts: '1794837543.000100' })));
    await h.event(eventCallback(idea({ thread_ts: TS, ts: '1794837544.000100' })));
    await h.event(eventCallback(idea({ channel: 'C0RANDOM', ts: '1794837545.000100' })));
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    expect(await h.ctx.db.$count(inboundEvents)).toBe(0);
    expect(h.fake.posts()).toEqual([]);
  });

  it('an event that cannot be stored is answered 500, so that Slack sends it again', async () => {
    const h = await startSlack();
    await h.ctx.db.execute(sql`alter table inbound_events rename to inbound_events_away`);
    expect((await h.event(eventCallback(idea()))).status).toBe(500);
    await h.ctx.db.execute(sql`alter table inbound_events_away rename to inbound_events`);
    expect((await h.event(eventCallback(idea()), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
  });

  it('a message whose processing failed after it was stored is captured by the inbound retry job', async () => {
    let down = true;
    const classifier = keywordClassifier();
    const h = await startSlack({
      classifier: { classify: (text) => {
        if (down) throw new Error('classifier unavailable');
        return classifier.classify(text);
      } },
    });
    await h.event(eventCallback(idea()));
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
    down = false;
    h.ctx.clock.advance(61_000);
    await inboundRetryJob(h.ctx.db, h.ctx.clock, h.ctx.logger, h.adapter.inboundHandlers).run();
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
  });
});
