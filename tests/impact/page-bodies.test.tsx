import { describe, expect, it } from 'vitest';
import { publishDigest } from '../../src/core/publish-digest.js';
import { buildImpact } from '../../src/core/impact/build-impact.js';
import { buildSilosReport } from '../../src/core/impact/build-silos-report.js';
import type { ItemFilter } from '../../src/core/impact/item-filter.js';
import { listFilteredItems } from '../../src/core/impact/list-filtered-items.js';
import { listPublishedDigests } from '../../src/core/impact/list-published-digests.js';
import { recordAction } from '../../src/core/record-action.js';
import { digestArchiveBody } from '../../src/adapters/web/impact/digest-archive-body.js';
import { impactPageBody } from '../../src/adapters/web/impact/impact-page-body.js';
import { itemListBody } from '../../src/adapters/web/impact/item-list-body.js';
import { silosPageBody } from '../../src/adapters/web/impact/silos-page-body.js';
import { searchPageBody } from '../../src/adapters/web/search/search-page-body.js';
import { searchItems } from '../../src/core/search-items.js';
import { digestText } from '../../src/cli/reports.js';
import { buildDigest } from '../../src/core/build-digest.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { pageWords, renderHtml } from '../helpers/page-words.js';
import { shipThroughJira, withJira } from './ship-through-jira.js';

const href = (f: ItemFilter) => `/items?${new URLSearchParams(f as Record<string, string>).toString()}`;
const links = { itemHref: (id: number) => `/items/${id}`, pageHref: (page: number) => `?page=${page}` };
const names = (ctx: TestContext) => ({ team: (id: string) => ctx.config.teams[id]?.name ?? id, community: (id: string) => id });

async function week(ctx: TestContext) {
  const bug = await captureNew(ctx, discordMessage('Export <script>alert(1)</script> crashes'));
  await captureNew(ctx, discordMessage('The pairing screen shows an error'));
  ctx.clock.advance(2 * 3_600_000);
  await recordAction(ctx, { routingId: bug.routing('support'), kind: 'pass_on', toTeam: 'product', actor: person(ctx.config, 'sam'), via: 'button', reason: 'product' });
  ctx.clock.set('2026-11-23T14:00:00Z');
}

describe('the Impact, Silos and Digests page bodies', () => {
  const database = useTestDatabase();

  it('the Impact body shows the period, the headline figures a leader reads, and links every number to its items', async () => {
    const ctx = await testContext(database.current().db);
    await week(ctx);
    const html = await renderHtml(await impactPageBody(await buildImpact(ctx, { period: '2026-W47' }), href));
    const words = pageWords(html);
    expect(words).toContain('Week 47 of 2026 · 16 – 22 Nov 2026');
    expect(words).toContain('Compared with Week 46 of 2026 · 9 – 15 Nov 2026.');
    expect(words).toContain('Items captured 2 2 more than the period before (0)');
    // The week before had no items, so it has no shares to compare with, and says so.
    expect(words).toContain('Resolved 0 0% of items · the period before had no items');
    expect(words).toContain('First response in time 0% 0 of 3 first-response targets met · 0 of 1 resolution targets met (0%)');
    expect(words).toContain('Of 2 items captured in Week 47 of 2026 · 16 – 22 Nov 2026: 0 resolved, 0 declined, 1 in progress and 1 untouched.');
    expect(words).toContain('Each item as it stood at the end of 22 Nov 2026');
    expect(words).toContain('All teams: 3 assignments received and 0 resolved; the period before, 0 and 0.');
    expect(words).not.toMatch(/was –|\(–\)/);
    expect(words).toMatch(/Untouched 1 50% of items: no team acted/);
    expect(words).toContain('Feedback per week, by category');
    expect(words).toContain('Median time per team, in business hours');
    expect(html).toContain('href="/items?period=2026-W47&amp;outcome=untouched"');
    expect(html).toContain('href="/items?period=2026-W47&amp;team=support&amp;routing=passed_on"');
    // Each chart is drawn (SVG) and has its numbers in a table for screen readers.
    expect(html.match(/<svg/g)?.length).toBe(5);
    expect(html.match(/<table class="chart-table visually-hidden">/g)?.length).toBe(5);
  });

  it('the Impact body shows, per team with a tracker, the items that became issues and the median feedback to shipped, as the digest does', async () => {
    const ctx = await testContext(database.current().db, { config: withJira() });
    await week(ctx);
    ctx.clock.set('2026-11-16T14:00:00Z');
    const quote = await captureNew(ctx, slackMessage('Can we get a quote for 40 sensors?'));
    await shipThroughJira(ctx, quote.routing('sales'), '2026-11-17T16:29:00Z');
    ctx.clock.set('2026-11-23T14:00:00Z');
    const html = await renderHtml(await impactPageBody(await buildImpact(ctx, { period: '2026-W47' }), href));
    const words = pageWords(html);
    expect(words).toContain('Through each team’s tracker: items that became issues (created or linked), and the time from the feedback being posted to its issue closed as done (wall-clock, not business hours)');
    expect(words).toContain('Team Became issues Shipped Median feedback to shipped Sales 1 1 26 h 30 min');
    expect(html).toContain('href="/items?period=2026-W47&amp;team=sales&amp;routing=became_issue"');
    expect(html).toContain('href="/items?period=2026-W47&amp;team=sales&amp;routing=shipped"');
    // The digest says the same for Sales.
    expect(digestText(await buildDigest(ctx, { period: '2026-W47' }))).toContain('1 item became an issue; 1 shipped, a median 26 h 30 min after the feedback was posted (wall-clock).');
  });

  it('the Silos body draws the hand-off heatmap and lists what fell between silos; outside text stays text', async () => {
    const ctx = await testContext(database.current().db);
    await week(ctx);
    const html = await renderHtml(await silosPageBody(await buildSilosReport(ctx, { period: '2026-W47' }), href, (id) => `/items/${id}`));
    expect(pageWords(html)).toContain('Who handed what to whom');
    expect(html).toContain('Hand-offs between teams');
    expect(html).toContain('href="/items?period=2026-W47&amp;from=support&amp;to=product"');
    expect(pageWords(html)).toContain('The pairing screen shows an error');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the item list says what the figure counted and lists its items', async () => {
    const ctx = await testContext(database.current().db);
    await week(ctx);
    const list = await listFilteredItems(ctx, { filter: { period: '2026-W47', team: 'support', routing: 'passed_on' } });
    const html = await renderHtml(itemListBody(list, links, names(ctx)));
    expect(pageWords(html)).toContain('Items passed on by Support');
    expect(pageWords(html)).toContain('1 item');
    expect(html).toContain('&lt;script&gt;');
  });

  it('the item list and the search results show an item and its teams alike, a page at a time', async () => {
    const ctx = await testContext(database.current().db);
    await week(ctx);
    const list = await listFilteredItems(ctx, { filter: { period: '2026-W47' }, pageSize: 1, page: 2 });
    const listed = pageWords(await renderHtml(itemListBody(list, links, names(ctx))));
    const found = await searchItems(ctx, { q: 'pairing error screen', pageSize: 1 });
    const searched = pageWords(await renderHtml(searchPageBody(found, { ...links, memberHref: (id) => `/members/${id}` }, ctx.config.timezone)));
    for (const words of [listed, searched]) expect(words).toMatch(/#\d+ The pairing screen shows an error .*Support \(open\)/);
    expect(listed).toContain('2 items');
    expect(listed).toContain('Previous Page 2 of 2');
    expect(searched).toContain('Items (1)');
    expect(searched).not.toContain('Page 1 of');
  });

  it('the Digests body shows each posted digest as on chat, with the running week marked as a preview', async () => {
    const ctx = await testContext(database.current().db);
    await week(ctx);
    await publishDigest(ctx, { kind: 'leadership' }, '2026-W47', ctx.clock.now());
    const html = await renderHtml(await digestArchiveBody(await listPublishedDigests(ctx), links, ctx.config.timezone));
    const words = pageWords(html);
    expect(words).toContain('Preview · not posted This week so far (2026-W48)');
    expect(words).toContain('Leadership digest · 2026-W47');
    expect(words).toContain('Testco feedback digest · 2026-W47');
    expect(words).toContain('Fell between silos · 2026-W47');
    expect(words).toContain('Support · 2026-W47');
    // In the digest's own words: the week before named, durations as in chat, no dashes for what did not happen.
    expect(words).toContain('Received 2 (the week before: 0)');
    expect(words).toMatch(/Median first response 2 h \(the week before: none\) · median resolution none this week · business hours/);
    expect(words).toMatch(/Targets: first response 0 of \d in time \(0%\) · resolution (none due|\d of \d in time)/);
    expect(words).toContain('Hand-offs: Support → Product ×1');
    expect(words).not.toMatch(/–|was /);
    expect(words).toMatch(/Bar chart of feedback items per week/);
  });
});
