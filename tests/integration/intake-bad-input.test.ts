import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { feedbackItems, memberIdentities, members, voices } from '../../src/db/schema/index.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

const SECRET = 'a-test-secret-of-some-length';

/** A request signed over exactly these bytes, as a sender's HMAC library would sign them. */
function signedBytes(ctx: TestContext, body: Uint8Array | string) {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
  const signature = `v1=${createHmac('sha256', SECRET).update(`v1:${timestamp}:`).update(bytes).digest('hex')}`;
  return new Request('http://liaison.test/intake/forum', { method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signature }, body: bytes });
}

async function setup(database: ReturnType<typeof useTestDatabase>) {
  const ctx = await testContext(database.current().db);
  const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
  const send = async (body: Uint8Array | string) => {
    const response = await app.request(signedBytes(ctx, body));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ctx, send };
}

describe('intake of awkward input: a clean store or a 4xx in words, never a 500', () => {
  const database = useTestDatabase();

  it('strips NUL from the id, the author id and the author name, and stores the post', async () => {
    const { ctx, send } = await setup(database);
    const answer = await send(JSON.stringify({ id: 'topic\u0000-1', text: 'The export\u0000 crashes', author: { id: 'kim\u0000-42', name: 'K\u0000im' } }));
    expect(answer).toMatchObject({ status: 202, body: { status: 'created' } });
    const [voice] = await ctx.db.select().from(voices);
    expect(voice).toMatchObject({ messageId: 'topic-1', authorExternalId: 'kim-42', text: 'The export crashes' });
    expect((await ctx.db.select().from(members))[0]?.displayName).toBe('Kim');
    // The same post again, NUL and all, is the same post.
    expect(await send(JSON.stringify({ id: 'topic\u0000-1', text: 'The export crashes', author: { id: 'kim-42', name: 'Kim' } }))).toMatchObject({ status: 202, body: { status: 'duplicate' } });
  });

  it('treats the same id sent again with a changed author name or an added email as the post it already is', async () => {
    const { ctx, send } = await setup(database);
    const first = await send(JSON.stringify({ id: 'topic-2', text: 'Search is slow', author: { name: 'Kim' } }));
    expect(first).toMatchObject({ status: 202, body: { status: 'created' } });
    const renamed = await send(JSON.stringify({ id: 'topic-2', text: 'Search is slow', author: { name: 'Kim L.' } }));
    const withEmail = await send(JSON.stringify({ id: 'topic-2', text: 'Search is slow', author: { name: 'Kim', email: 'kim@example.org' } }));
    expect(renamed).toEqual({ status: 202, body: { status: 'duplicate', itemId: first.body.itemId } });
    expect(withEmail).toEqual({ status: 202, body: { status: 'duplicate', itemId: first.body.itemId } });
    expect(await ctx.db.$count(feedbackItems)).toBe(1);
    // No member was made up for the identities that were only seen on a duplicate.
    expect(await ctx.db.$count(members)).toBe(1);
    expect(await ctx.db.$count(memberIdentities)).toBe(1);
  });

  it('accepts a correctly signed body that starts with a UTF-8 BOM or holds an invalid byte', async () => {
    const { ctx, send } = await setup(database);
    const json = (id: string) => new TextEncoder().encode(JSON.stringify({ id, text: 'Sync drops photos X', author: { name: 'Ana' } }));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...json('topic-bom')]);
    expect(await send(withBom)).toMatchObject({ status: 202, body: { status: 'created' } });
    const plain = json('topic-byte');
    const at = plain.lastIndexOf(0x58); // the "X" in the text
    plain[at] = 0xff;
    expect(await send(plain)).toMatchObject({ status: 202, body: { status: 'created' } });
    const texts = (await ctx.db.select({ text: feedbackItems.text }).from(feedbackItems)).map((r) => r.text).sort();
    expect(texts).toEqual(['Sync drops photos X', 'Sync drops photos \uFFFD']);
  });

  it('refuses ids that differ only in lone surrogates with 400, rather than storing two posts as one', async () => {
    const { ctx, send } = await setup(database);
    for (const id of ['topic-\\ud800', 'topic-\\udc00']) {
      const answer = await send(`{"id":"${id}","text":"Crash on start","author":{"name":"Bo"}}`);
      expect(answer).toEqual({ status: 400, body: { error: 'invalid feedback', problems: ['id: is not valid Unicode (it holds a lone surrogate)'] } });
    }
    // A well-formed pair is a character like any other.
    expect(await send('{"id":"topic-\\ud83d\\ude00","text":"Crash on start","author":{"id":"\\ud83d\\ude00","name":"Bo"}}')).toMatchObject({ status: 202 });
    expect(await ctx.db.$count(feedbackItems)).toBe(1);
  });

  it('refuses text that is empty once invisible characters are removed with 400, and stores nothing', async () => {
    const { ctx, send } = await setup(database);
    const answer = await send(JSON.stringify({ id: 'topic-3', text: '\u0000\u0007 \u0000', author: { name: '\u0000' } }));
    expect(answer).toEqual({ status: 400, body: { error: 'invalid feedback', problems: ['text: is empty once invisible characters are removed', 'author.name: is empty once invisible characters are removed'] } });
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
  });
});
