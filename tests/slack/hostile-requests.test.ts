import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inboundEvents, memberIdentities } from '../../src/db/schema/index.js';
import { streamUntilAnswered } from '../helpers/stream-body.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { topLevel } from './helpers/slack-asserts.js';
import { SIGNING_SECRET, slackSignature, useSlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent } from './helpers/slack-payloads.js';
import { createHmac } from 'node:crypto';

describe('the Slack endpoint against hostile and awkward requests', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('captures a message whose author has a NUL in their display name on the first attempt', async () => {
    const h = await startSlack();
    const event = eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Please add a feature for exports', user_profile: { display_name: 'Ca\u0000sey' } }));
    expect((await h.event(event)).status).toBe(200);
    await h.settle();
    expect(topLevel(h.fake, 'C0PRODUCT')).toBeDefined();
    const [stored] = await h.ctx.db.select().from(inboundEvents);
    expect(stored).toMatchObject({ status: 'done', attempts: 0, lastError: null });
    const [identity] = await h.ctx.db.select().from(memberIdentities).where(eq(memberIdentities.platform, 'slack'));
    expect(identity?.displayName).toBe('Casey');
  });

  it('refuses a request stamped more than five minutes in the future, and accepts one within', async () => {
    const h = await startSlack();
    const body = JSON.stringify(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Export please, we would love it' })));
    const now = Math.floor(h.ctx.clock.now().getTime() / 1000);
    const post = (at: number) => fetch(`${h.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(at), 'x-slack-signature': slackSignature(SIGNING_SECRET, at, body) } });
    expect((await post(now + 301)).status).toBe(401);
    expect((await post(now + 3_600)).status).toBe(401);
    expect(await h.ctx.db.$count(inboundEvents)).toBe(0);
    expect((await post(now + 60)).status).toBe(200);
    await h.settle();
    expect(await h.ctx.db.$count(inboundEvents)).toBe(1);
  });

  it('checks the signature over the bytes as sent: a BOM or an invalid byte is not a forgery', async () => {
    const h = await startSlack();
    const now = Math.floor(h.ctx.clock.now().getTime() / 1000);
    const json = new TextEncoder().encode(JSON.stringify(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000200', text: 'Sync loses photos X' }))));
    json[json.lastIndexOf(0x58)] = 0xff;
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...json]);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${now}:`).update(body).digest('hex')}`;
    const response = await fetch(`${h.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now), 'x-slack-signature': signature } });
    expect(response.status).toBe(200);
    await h.settle();
    expect(await h.ctx.db.$count(inboundEvents)).toBe(1);
  });

  it('refuses an oversized streamed body with 413 long before it has all been sent', async () => {
    const h = await startSlack();
    const answer = await streamUntilAnswered(`${h.url}/slack/events`, { 'content-type': 'application/json' }, 48 * 1024 * 1024);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([413, { error: 'body larger than 1048576 bytes' }]);
    // The limit is 1 MB; socket buffers on both sides let a few more MB through before the answer is read.
    expect(answer.bytesSent).toBeLessThan(16 * 1024 * 1024);
    expect(await h.ctx.db.$count(inboundEvents)).toBe(0);
  });
});
