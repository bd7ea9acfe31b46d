import { readFileSync } from 'node:fs';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { SIGNING_SECRET, slackSignature, useSlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent } from './helpers/slack-payloads.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<string, string>;

describe('Slack request signing', () => {
  it('computes the signature of Slack\'s documented example exactly as Slack does', () => {
    const vector = fixture('slack_signing_test_vector.json');
    expect(slackSignature(vector.signing_secret as string, vector.timestamp as string, vector.raw_body as string)).toBe(vector.expected_signature);
    // Bolt's verifier (which the receiver uses) accepts it at the documented moment, with the clock injected.
    expect(() => verifySlackRequest({ signingSecret: vector.signing_secret as string, body: vector.raw_body as string, headers: { 'x-slack-signature': vector.expected_signature as string, 'x-slack-request-timestamp': Number(vector.timestamp) }, nowMilliseconds: Number(vector.timestamp) * 1000 + 60_000 })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: vector.signing_secret as string, body: `${vector.raw_body}------`, headers: { 'x-slack-signature': vector.expected_signature as string, 'x-slack-request-timestamp': Number(vector.timestamp) }, nowMilliseconds: Number(vector.timestamp) * 1000 })).toThrow(/signature mismatch/);
  });
});

describe('the Slack HTTP endpoint', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('answers Slack\'s url_verification challenge', async () => {
    const h = await startSlack();
    const challenge = fixture('url_verification.json');
    const response = await h.send(JSON.stringify(challenge), 'application/json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: challenge.challenge });
  });

  it('refuses unsigned, wrongly signed, tampered and stale requests with 401 and stores nothing', async () => {
    const h = await startSlack();
    const body = JSON.stringify(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Export please, we would love it' })));
    const now = Math.floor(h.ctx.clock.now().getTime() / 1000);
    const post = (headers: Record<string, string>) => fetch(`${h.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature('another-secret', now, body) })).status).toBe(401);
    expect((await post({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(SIGNING_SECRET, now, `${body} `) })).status).toBe(401);
    expect((await post({ 'x-slack-request-timestamp': String(now - 301), 'x-slack-signature': slackSignature(SIGNING_SECRET, now - 301, body) })).status).toBe(401);
    expect((await post({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(SIGNING_SECRET, now, body) })).status).toBe(200);
    await h.settle();
    expect(await h.ctx.db.$count(inboundEvents)).toBe(1);
  });

  it('answers Slack\'s ssl_check without a signature, and acts on nothing it carries', async () => {
    const h = await startSlack();
    const response = await fetch(`${h.url}/slack/events`, { method: 'POST', body: 'ssl_check=1&token=x&command=%2Ffeedback&text=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    await h.settle();
    // The start's catch-up reads source history; nothing else is called.
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'conversations.history')).toEqual([]);
  });
});
