import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { signIntake } from '../../src/adapters/http/signature.js';
import { builtinClassifier } from '../../src/core/classify/builtin-model.js';
import { routings } from '../../src/db/schema/index.js';
import { SHORT_PROBLEM_REPORTS } from '../fixtures/short-problem-reports.js';
import { testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { buildDigest } from '../../src/core/build-digest.js';
import { ManualClock } from '../../src/core/clock.js';
import type { DigestSummary } from '../../src/delivery/content.js';
import { digestSummaryText } from '../../src/adapters/console/digest-text.js';
import { digestSummaryBlocks } from '../../src/adapters/slack/digest-blocks.js';
import { digestSummaryMessages } from '../../src/adapters/discord/presenters/digest-embeds.js';

const SECRET = 'a-test-secret-of-some-length';

function post(ctx: TestContext, app: ReturnType<typeof createHttpApp>, body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
  return app.request(new Request('http://liaison.test/intake/forum', { method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, raw) }, body: raw }));
}

describe('nothing sent on purpose is silently dropped', () => {
  const database = useTestDatabase();

  it('routes every one of sixteen short problem reports sent through the intake to a team, and says which', async () => {
    const ctx = await testContext(database.current().db, { classifier: builtinClassifier() });
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    const answers: unknown[] = [];
    for (const [i, text] of SHORT_PROBLEM_REPORTS.entries()) {
      const response = await post(ctx, app, { id: `short-${i}`, text, author: { name: 'Kim' } });
      expect(response.status).toBe(202);
      answers.push(await response.json());
    }
    for (const answer of answers) expect(answer).toEqual({ status: 'created', itemId: expect.any(Number), teams: [expect.any(String)] });
    const routed = await ctx.db.select({ itemId: routings.itemId }).from(routings);
    expect(new Set(routed.map((r) => r.itemId)).size).toBe(SHORT_PROBLEM_REPORTS.length);
  });

  it('answers with the teams an intake post was routed to', async () => {
    const ctx = await testContext(database.current().db);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    const response = await post(ctx, app, { id: 'topic-9', text: 'Would love an enterprise plan, the export crashes', author: { name: 'Kim' } });
    const body = (await response.json()) as { itemId: number };
    expect(body).toEqual({ status: 'created', itemId: body.itemId, teams: ['support', 'sales'] });
  });

  it('counts chatter skipped from channels in /metrics, per community', async () => {
    const ctx = await testContext(database.current().db);
    const app = createHttpApp({ ctx, webhookSecrets: new Map([['forum', SECRET]]), metrics: new HttpMetrics(ctx.db, ctx.clock) });
    expect(await (await app.request('/metrics')).text()).not.toContain('liaison_chatter_skipped_total{');
    await captureFeedback(ctx, discordMessage('thanks everyone!'));
    await captureFeedback(ctx, discordMessage('hello hello'));
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('liaison_chatter_skipped_total{community="makers"} 2');
  });
});

describe('the digest’s "not routed" line', () => {
  const database = useTestDatabase();

  it('says how much chatter was skipped in the period and in which communities, on every platform', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('thanks everyone!'));
    ctx.clock.advance(24 * 3_600_000);
    await captureFeedback(ctx, discordMessage('hello all'));
    await captureFeedback(ctx, slackMessage('thanks!'));
    // A week earlier: not this period.
    await captureFeedback({ ...ctx, clock: new ManualClock('2026-11-10T14:00:00Z') }, discordMessage('hello again'));
    const report = await buildDigest(ctx, { period: '2026-W47' });
    expect(report.notRouted).toEqual({ skipped: 3, communities: [{ community: 'bigco', name: 'BigCo', skipped: 1 }, { community: 'makers', name: 'Makers Discord', skipped: 2 }] });

    const summary = JSON.parse(JSON.stringify({ ...report, silos: report.silos.counts })) as DigestSummary;
    expect(digestSummaryText(summary)).toContain('  Not routed: 3 channel messages skipped as chatter (BigCo 1, Makers Discord 2).');
    expect(JSON.stringify(digestSummaryBlocks(summary).messages)).toContain('*Not routed*: 3 channel messages skipped as chatter (BigCo 1, Makers Discord 2)');
    expect(digestSummaryMessages(summary)[0]?.embeds?.[0]?.description).toContain('Not routed: 3 channel messages skipped as chatter (BigCo 1, Makers Discord 2)');

    const quiet = await buildDigest(ctx, { period: '2026-W45' });
    expect(digestSummaryText(JSON.parse(JSON.stringify({ ...quiet, silos: quiet.silos.counts })) as DigestSummary)).toContain('  Not routed: nothing was skipped as chatter.');
  });
});
