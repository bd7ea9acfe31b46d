import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MessageBlocks } from '../../src/adapters/slack/block-kit-limits.js';
import { digestSilosBlocks } from '../../src/adapters/slack/digest-blocks.js';
import { enqueueDeliveries } from '../../src/core/outbox.js';
import type { DigestSilosPart } from '../../src/delivery/content.js';
import { deliveries } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { shown } from './helpers/slack-asserts.js';
import { useSlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent } from './helpers/slack-payloads.js';

function bigSilos(): DigestSilosPart {
  const items = (from: number) => Array.from({ length: 200 }, (_, i) => ({ itemId: from + i, text: `Item ${from + i}: ${'a long complaint about exports '.repeat(6)}`, community: 'bigco', permalink: `https://testco.slack.com/archives/C0BIGCO/p17948375${String(from + i).padStart(8, '0')}`, capturedAt: '2026-11-16T14:00:00.000Z', teams: ['product', 'sales'], hops: 2 }));
  return { period: '2026-W47', noAction: items(1000), passedAround: items(2000), acknowledgedNotResolved: items(3000), counts: { noAction: 250, passedAround: 200, acknowledgedNotResolved: 200 } };
}

/** Item numbers as drawn (`|#1234>`), in order. */
const drawnIds = (blocks: unknown) => [...JSON.stringify(blocks).matchAll(/\|#(\d+)>/g)].map((m) => Number(m[1]));

describe('Slack deliveries', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('splits a big "fell between silos" reply into messages within Block Kit limits, each item exactly once', () => {
    const { messages } = digestSilosBlocks(bigSilos());
    expect(messages.length).toBeGreaterThan(1);
    for (const blocks of messages) expect(MessageBlocks.safeParse(blocks).success).toBe(true);
    const ids = messages.flatMap(drawnIds);
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(JSON.stringify(messages)).toContain('Nobody answered, past the acknowledge target (250, oldest 200 listed)*');
  });

  it('posts the parts of a long digest reply in the leadership thread, and after a 429 mid-way posts only the rest', async () => {
    const h = await startSlack();
    const now = h.ctx.clock.now();
    const ids = await enqueueDeliveries(h.ctx.db, now, [{ key: 'digest:test:summary', kind: 'digest_summary', target: { platform: 'slack', channelId: 'C0LEADERS' }, payload: summaryPayload() }]);
    await enqueueDeliveries(h.ctx.db, now, [{ key: 'digest:test:silos', kind: 'digest_silos', target: { platform: 'slack', channelId: 'C0LEADERS' }, parentId: ids.get('digest:test:summary'), payload: bigSilos() as never }]);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 20 }, 2);
    await h.worker.drain();
    const [summary] = h.fake.posts('C0LEADERS');
    expect(h.fake.posts('C0LEADERS')).toHaveLength(2);
    h.ctx.clock.advance(21_000);
    await h.worker.drain();
    const parts = h.fake.posts('C0LEADERS').slice(1);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.thread_ts === summary?.ts)).toBe(true);
    const listed = parts.flatMap((p) => drawnIds(p.blocks));
    expect(listed).toHaveLength(600);
    expect(new Set(listed).size).toBe(600);
  });

  it('a 429 delays a card for as long as Retry-After says, then posts it once', async () => {
    const h = await startSlack();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add an export feature' })));
    await h.settle();
    expect(h.fake.posts()).toEqual([]);
    const [row] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.channelId, 'C0PRODUCT'));
    expect(row).toMatchObject({ status: 'pending' });
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(h.ctx.clock.now().getTime() + 30_000);
    h.ctx.clock.advance(29_000);
    await h.worker.drain();
    expect(h.fake.posts()).toEqual([]);
    h.ctx.clock.advance(2_000);
    await h.worker.drain();
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
    expect(h.fake.posts('C0SALES')).toHaveLength(1);
  });

  it('a Slack 500 or a request that hangs is retried later, and nothing is lost or posted twice', async () => {
    const h = await startSlack();
    h.fake.failNext('chat.postMessage', { status: 500 });
    h.fake.failNext('chat.postMessage', { hang: true });
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add an export feature' })));
    await h.settle();
    expect(h.fake.posts()).toEqual([]);
    const rows = await h.ctx.db.select().from(deliveries);
    expect(rows.map((r) => r.lastError)).toEqual(expect.arrayContaining(['slack http 500', expect.stringMatching(/^slack request failed: .*timeout/)]));
    h.ctx.clock.advance(10 * 60_000);
    await h.worker.drain();
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
    expect(h.fake.posts('C0SALES')).toHaveLength(1);
  });

  it('a card Slack posted but whose answer was lost is not posted again when the delivery is retried', async () => {
    const h = await startSlack();
    h.fake.failNext('chat.postMessage', { lost: true });
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add an export feature' })));
    await h.settle();
    const [lost] = h.fake.posts();
    const rows = await h.ctx.db.select().from(deliveries).where(eq(deliveries.status, 'pending'));
    expect(rows.map((r) => r.lastError)).toEqual([expect.stringMatching(/^slack request failed: .*timeout/)]);
    h.ctx.clock.advance(10 * 60_000);
    await h.worker.drain();
    expect(h.fake.posts().filter((p) => p.channel === lost?.channel)).toHaveLength(1);
    // The retry found the lost post and took it as the card: later updates edit that message.
    const [sent] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.key, rows[0]?.key as string));
    expect(sent).toMatchObject({ status: 'sent', messageId: lost?.ts });
  });

  it('gives up on a channel Slack says does not exist, without retrying', async () => {
    const h = await startSlack();
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add an export feature' })));
    await h.settle();
    const failed = await h.ctx.db.select().from(deliveries).where(eq(deliveries.status, 'failed'));
    expect(failed).toMatchObject([{ lastError: 'channel_not_found', attempts: 1 }]);
    expect(shown(h.fake.posts().at(0))).toContain('export');
  });
});

function summaryPayload() {
  const metrics = { received: 1, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, medianFirstActionMs: null, medianResolutionMs: null, breaches: { acknowledge: 0, resolve: 0 }, attainment: { acknowledgeDue: 0, acknowledgedInTime: 0, resolveDue: 0, resolvedInTime: 0, medianLatenessMs: null } };
  const totals = { received: 1, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, breaches: { acknowledge: 0, resolve: 0 } };
  return { organisation: 'Testco', period: { key: '2026-W47' }, previousPeriod: { key: '2026-W46' }, asOf: '2026-11-23T05:00:00.000Z', totals: { current: totals, previous: totals }, handoffs: [], teams: [{ team: 'product', name: 'Product', metrics, previous: metrics }], silos: { noAction: 250, passedAround: 200, acknowledgedNotResolved: 200 } };
}
