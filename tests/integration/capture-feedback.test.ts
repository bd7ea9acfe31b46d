import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { DomainError } from '../../src/core/errors.js';
import { memberHistory } from '../../src/core/member-history.js';
import { routingReasonWords } from '../../src/delivery/routing-reason-words.js';
import { deliveries, feedbackItems, routings, skippedChatter, voices } from '../../src/db/schema/index.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';

describe('capturing feedback', () => {
  const database = useTestDatabase();

  it('routes a bug from a Discord channel to support with a card and the reason', async () => {
    const ctx = await testContext(database.current().db);
    const result = await captureFeedback(ctx, discordMessage('The app crashes when I open the garden view'));
    expect(result.status).toBe('created');
    const [routing] = await ctx.db.select().from(routings);
    expect(routing).toMatchObject({ teamId: 'support', status: 'open', reason: { kind: 'classifier', rule: 'bugs and questions' } });
    expect(routing && routingReasonWords(routing.reason)).toContain('"crashes"');
    // Support's SLA: acknowledge within 1h of capture.
    expect(routing?.acknowledgeDueAt?.toISOString()).toBe('2026-11-16T15:00:00.000Z');
    const cards = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'card'));
    expect(cards).toMatchObject([{ platform: 'discord', channelId: '1203', routingId: routing?.id, status: 'pending' }]);
  });

  it('stores the same message delivered twice as one item with one card', async () => {
    const ctx = await testContext(database.current().db);
    const message = discordMessage('Please add dark mode, would love it');
    const [first, second] = await Promise.all([captureFeedback(ctx, message), captureFeedback(ctx, message)]);
    const third = await captureFeedback(ctx, message);
    const ids = [first, second, third].map((r) => ('itemId' in r ? r.itemId : undefined));
    expect(new Set(ids).size).toBe(1);
    expect(await ctx.db.$count(feedbackItems)).toBe(1);
    expect(await ctx.db.$count(deliveries)).toBe(1);
  });

  it('sends a keyword match and a category match to both teams, each with its own reason', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Would love an enterprise plan with SSO'));
    const rows = await ctx.db.select().from(routings).orderBy(routings.teamId);
    expect(rows.map((r) => [r.teamId, r.reason.kind])).toEqual([['product', 'classifier'], ['sales', 'rule']]);
    expect(rows[1] && routingReasonWords(rows[1].reason)).toContain('"enterprise plan"');
  });

  it('routes an unsure item to the fallback team with two suggestions', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('The new sensor housing is a different green'));
    const [routing] = await ctx.db.select().from(routings);
    expect(routing?.teamId).toBe('support');
    expect(routing?.reason.kind).toBe('unsure');
    expect(routing?.reason.suggestions?.map((s) => s.team)).toEqual(['support', 'product']);
  });

  it('routes to the team learned from corrections ahead of the category rule', async () => {
    const ctx = await testContext(database.current().db, { classifier: keywordClassifier([{ match: /billing portal/, team: 'sales', confidence: 0.8 }]) });
    await captureFeedback(ctx, discordMessage('The billing portal shows an error'));
    const rows = await ctx.db.select().from(routings);
    expect(rows.map((r) => r.teamId)).toEqual(['sales']);
    expect(rows[0] && routingReasonWords(rows[0].reason)).toMatch(/Learned from earlier hand-offs/);
  });

  it('skips confident chatter from a channel and counts it, but routes it as unsure when a community manager sends it', async () => {
    const ctx = await testContext(database.current().db);
    expect(await captureFeedback(ctx, discordMessage('thanks everyone, hello!'))).toEqual({ status: 'ignored', reason: 'noise' });
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
    expect(await ctx.db.select().from(skippedChatter)).toEqual([{ communityId: 'makers', day: '2026-11-16', count: 1 }]);
    const explicit = await captureFeedback(ctx, { ...discordMessage('thanks everyone, hello!'), via: 'reaction', capturedBy: person(ctx.config, 'maya') });
    expect(explicit).toMatchObject({ status: 'created', routings: [{ team: 'support' }] });
    const [routing] = await ctx.db.select().from(routings);
    expect(routing?.reason).toMatchObject({ kind: 'unsure', guess: { category: 'noise', confidence: 0.95 } });
    expect(routing && routingReasonWords(routing.reason)).toBe('Reads like chatter (95%), so it went to the fallback team to check');
    expect(routing?.reason.suggestions?.map((s) => s.team)).toEqual(['support', 'product']);
  });

  it('captures borderline chatter from a channel and routes it as unsure instead of skipping it', async () => {
    const borderline = { classify: (text: string) => ({ ...keywordClassifier().classify(text), category: 'noise' as const, confidence: 0.61 }) };
    const ctx = await testContext(database.current().db, { classifier: borderline });
    const result = await captureFeedback(ctx, discordMessage('My sensor is offline again'));
    expect(result).toMatchObject({ status: 'created', routings: [{ team: 'support' }] });
    expect(await ctx.db.$count(skippedChatter)).toBe(0);
  });

  it('follows a calibrated out-of-scope verdict when the model gives one', async () => {
    const calibrated = (confident: boolean) => ({ classify: (text: string) => ({ ...keywordClassifier().classify(text), category: 'bug' as const, outOfScope: { score: 0.9, confident } }) });
    const skipping = await testContext(database.current().db, { classifier: calibrated(true) });
    expect((await captureFeedback(skipping, discordMessage('lol same'))).status).toBe('ignored');
    const keeping = { ...skipping, classifier: calibrated(false) };
    expect((await captureFeedback(keeping, discordMessage('lol same'))).status).toBe('created');
    expect((await captureFeedback({ ...skipping }, { ...discordMessage('lol same'), via: 'forum_post' })).status).toBe('created');
  });

  it('shows an author under the name they use now, not the first one ever seen, and never replaces a name with an ID', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Login is broken', {}, { id: '901', name: 'ann_old' }));
    await captureFeedback(ctx, discordMessage('Export is broken', {}, { id: '901', name: 'Ann Baker' }));
    await captureFeedback(ctx, discordMessage('Sync is broken', {}, { id: '901', name: '901' }));
    const history = await memberHistory(ctx, { member: { platform: 'discord', id: '901' } });
    expect(history.member.name).toBe('Ann Baker');
    expect(history.items).toHaveLength(3);
  });

  it('stores text with NUL bytes and control characters without them', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('broken\u0000 sync @everyone <@&7781>'));
    const [item] = await ctx.db.select().from(feedbackItems);
    expect(item?.text).toBe('broken sync @everyone <@&7781>');
  });

  it('captures a /feedback heard elsewhere into the named community, and refuses an unknown one', async () => {
    const ctx = await testContext(database.current().db);
    const heard = { message: { platform: 'slack' as const, channelId: 'C0RANDOM', id: 'cmd-1', text: 'BigCo says the export crashes', postedAt: '2026-11-16T13:00:00Z' }, author: { platform: 'slack' as const, id: 'U0AMBER', name: 'Amber' }, via: 'command' as const, capturedBy: person(ctx.config, 'maya') };
    const result = await captureFeedback(ctx, { ...heard, community: 'bigco' });
    expect(result.status).toBe('created');
    const [item] = await ctx.db.select().from(feedbackItems);
    expect(item?.communityId).toBe('bigco');
    await expect(captureFeedback(ctx, { ...heard, message: { ...heard.message, id: 'cmd-2' }, community: 'nope' })).rejects.toBeInstanceOf(DomainError);
  });

  it('refuses a message from a channel that is not a source', async () => {
    const ctx = await testContext(database.current().db);
    const message = slackMessage('crash', 'C0ELSEWHERE');
    await expect(captureFeedback(ctx, message)).rejects.toMatchObject({ code: 'unknown_source' });
    expect(await ctx.db.$count(voices)).toBe(0);
  });
});
