import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/build-digest.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { recordAction } from '../../src/core/record-action.js';
import { actions, feedbackItems, memberIdentities } from '../../src/db/schema/index.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { pageWords } from '../helpers/page-words.js';
import { BASE, signInOver, webApp } from './web-http.js';

const HOUR = 3_600_000;

/** A week at Testco (2026-W47): a bug resolved, one passed on, one untouched, a quote for Sales. */
async function aWeek(ctx: TestContext) {
  ctx.clock.set('2026-11-16T14:00:00Z');
  const bug = await captureNew(ctx, discordMessage('Login is broken', {}, { id: '901', name: 'ann_grows' }));
  const idea = await captureNew(ctx, discordMessage('Would love a winter mode'));
  await captureFeedback(ctx, discordMessage('The pairing screen shows an error'));
  await captureFeedback(ctx, slackMessage('Can we get a quote for 40 sensors?'));
  ctx.clock.advance(2 * HOUR);
  await recordAction(ctx, { routingId: bug.routings[0]!.id, kind: 'resolve', actor: person(ctx.config, 'sam'), via: 'button' });
  await recordAction(ctx, { routingId: idea.routings[0]!.id, kind: 'pass_on', toTeam: 'support', actor: person(ctx.config, 'priya'), via: 'modal', reason: 'a how-to' });
  ctx.clock.set('2026-11-23T14:00:00Z');
  return { bug: bug.itemId };
}

async function signedIn(ctx: TestContext, who: string) {
  const app = webApp(ctx);
  const session = await signInOver(app, ctx, who);
  const get = (path: string) => app.request(`${BASE}${path}`, { headers: { cookie: session.cookie } });
  const post = (path: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: session.csrf, ...form })) for (const one of ([] as string[]).concat(v)) body.append(k, one);
    return app.request(`${BASE}${path}`, { method: 'POST', body, headers: { cookie: session.cookie, origin: BASE, 'content-type': 'application/x-www-form-urlencoded' } });
  };
  return { get, post };
}

describe('the Impact, Silos, Digests and item-list pages over HTTP', () => {
  const database = useTestDatabase();

  it('a leader signs in and / is the Impact page, with the digest’s numbers for the same week, each linking to its items', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const lee = await signedIn(ctx, 'lee');
    const response = await lee.get('/?period=2026-W47');
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = pageWords(html);
    expect(page).toContain('Impact Week 47 of 2026');
    const digest = await buildDigest(ctx, { period: '2026-W47' });
    // Each team's row reads as the digest counts: received (and the week before), acknowledged, resolved, declined, passed on.
    expect(digest.teams.length).toBe(3);
    for (const team of digest.teams) {
      const m = team.metrics;
      expect(page).toContain(`${team.name} ${m.received} was ${team.previous.received} ${m.acknowledged} ${m.resolved} ${m.declined} ${m.passedOn} `);
      expect(html).toContain(`href="/items?period=2026-W47&amp;team=${team.team}&amp;routing=resolved" aria-label="${m.resolved}:`);
    }
    expect(page).toContain(`All teams: ${digest.totals.current.received} assignments received`);
    expect(page).toContain(`${digest.silos.counts.noAction} routed and never acted on`);
    expect(page).toContain(`${digest.silos.counts.passedAround} passed from team to team twice or more`);
    expect(page).toContain(`${digest.silos.counts.acknowledgedNotResolved} acknowledged and never resolved`);
    expect(page).toMatch(/Items captured 4 /);
    const untouched = /href="(\/items\?period=2026-W47&amp;outcome=untouched)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(untouched).toBeDefined();
    const list = pageWords(await (await lee.get(untouched!)).text());
    expect(list).toContain('Items captured · Untouched');
    expect(list).toContain('2 items');
    expect(list).toContain('The pairing screen shows an error');
  });

  it('a custom range from the chooser, compared with as many days before; a period that does not parse or is over two years is a 400 in words', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const lee = await signedIn(ctx, 'lee');
    const range = pageWords(await (await lee.get('/?period=quarter&from=2026-11-16&to=2026-11-22')).text());
    expect(range).toContain('Impact 16 – 22 Nov 2026 Compared with 9 – 15 Nov 2026, the week before.');
    for (const [query, words] of [['period=2026-W99', '“2026-W99” is not a period Liaison knows.'], ['from=2020-01-01&to=2026-01-01', '“2020-01-01..2026-01-01” is longer than 2 years.'], ['from=2026-11-22&to=2026-11-16', 'ends before it starts'], ['from=2026-11-16', 'is not a period']] as const) {
      for (const path of ['/', '/silos']) {
        const response = await lee.get(`${path}?${query}`);
        expect(response.status).toBe(400);
        const page = pageWords(await response.text());
        expect(page).toContain(words);
        expect(page).toContain('2026-10-01..2026-12-31 a range of days, both included, at most 2 years');
      }
    }
    expect((await lee.get('/items?period=nonsense')).status).toBe(400);
  });

  it('Silos shows the hand-off matrix whose cells open their items; Digests shows the running week as a preview; /impact redirects to /', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const sam = await signedIn(ctx, 'sam');
    const silos = await (await sam.get('/silos?period=2026-W47')).text();
    expect(pageWords(silos)).toContain('Who handed what to whom');
    const cell = /href="(\/items\?period=2026-W47&amp;from=product&amp;to=support)"/.exec(silos)?.[1]?.replace(/&amp;/g, '&');
    expect(cell).toBeDefined();
    const handed = pageWords(await (await sam.get(cell!)).text());
    expect(handed).toContain('Items passed from Product to Support');
    expect(handed).toContain('Would love a winter mode');
    const digests = pageWords(await (await sam.get('/digests')).text());
    expect(digests).toContain('Preview · not posted This week so far (2026-W48)');
    expect(digests).toContain('No digest has been posted yet.');
    const old = await sam.get('/impact?period=2026-W47');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/?period=2026-W47');
  });

  it('a team member sees every item behind a figure counted, but only their teams’ items with their text', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const lena = await signedIn(ctx, 'lena');
    const all = pageWords(await (await lena.get('/items?period=2026-W47')).text());
    expect(all).toContain('4 items');
    expect(all).toContain('Can we get a quote for 40 sensors?');
    expect(all).not.toContain('Login is broken');
    expect(all).toContain('routed to other teams: its text is for them, community managers and leadership');
  });
});

describe('the Member and Community pages over HTTP', () => {
  const database = useTestDatabase();

  it('a community manager links an identity on the member page, recorded in the ledger through the web, and unlinks it again', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    await captureFeedback(ctx, { ...slackMessage('Any news on the export?'), author: { platform: 'slack', id: 'U0ANN', name: 'Ann (BigCo)' } });
    const [ann] = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.externalId, '901'));
    const maya = await signedIn(ctx, 'maya');
    const before = pageWords(await (await maya.get(`/members/${ann!.memberId}`)).text());
    expect(before).toContain('ann_grows');
    expect(before).toContain('In Makers Discord');

    const unknown = await maya.post(`/members/${ann!.memberId}/link`, { platform: 'slack', id: 'U0NOBODY' });
    expect(unknown.status).toBe(404);
    expect(pageWords(await unknown.text())).toContain('Liaison has not seen slack user U0NOBODY yet.');
    expect(await ctx.db.$count(actions, eq(actions.kind, 'link'))).toBe(0);

    const linked = await maya.post(`/members/${ann!.memberId}/link`, { platform: 'slack', id: 'U0ANN' });
    expect(linked.status).toBe(303);
    const page = pageWords(await (await maya.get(linked.headers.get('location')!)).text());
    expect(page).toContain('Slack U0ANN Ann (BigCo)');
    expect(page).toContain('In BigCo');
    expect(page).toContain('maya linked Discord 901 and Slack U0ANN (through the web app)');
    const [entry] = await ctx.db.select().from(actions).where(eq(actions.kind, 'link'));
    expect([entry?.via, entry?.actorName]).toEqual(['web', 'maya']);

    const again = await maya.post(`/members/${ann!.memberId}/link`, { platform: 'slack', id: 'U0ANN' });
    expect(again.status).toBe(409);
    expect(pageWords(await again.text())).toContain('are already linked as one person');
    expect(await ctx.db.$count(actions, eq(actions.kind, 'link'))).toBe(1);

    const unlinked = await maya.post(`/members/${ann!.memberId}/unlink`, { platform: 'slack', id: 'U0ANN' });
    expect(unlinked.status).toBe(303);
    const [undo] = await ctx.db.select().from(actions).where(eq(actions.kind, 'unlink'));
    expect(undo?.via).toBe('web');
    expect(pageWords(await (await maya.get(`/members/${ann!.memberId}`)).text())).not.toContain('U0ANN Ann (BigCo)');
  });

  it('a leader reads dossiers but cannot link; a team member may not see them; a forged post without the form token records nothing', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const [ann] = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.externalId, '901'));
    const lee = await signedIn(ctx, 'lee');
    const dossier = await (await lee.get(`/members/${ann!.memberId}`)).text();
    expect(dossier).not.toContain('Link another identity');
    const refused = await lee.post(`/members/${ann!.memberId}/link`, { platform: 'slack', id: 'U0CUST' });
    expect(refused.status).toBe(403);
    expect(pageWords(await refused.text())).toContain('Only community managers can link member identities.');
    const sam = await signedIn(ctx, 'sam');
    const samPage = await sam.get('/communities/makers');
    expect(samPage.status).toBe(403);
    expect(pageWords(await samPage.text())).toContain('Member and community histories are for community managers and leadership.');
    expect(await ctx.db.$count(actions, eq(actions.kind, 'link'))).toBe(0);
  });

  it('the community page tells what it raised and who answered; unknown members and communities are 404 pages in words', async () => {
    const ctx = await testContext(database.current().db);
    await aWeek(ctx);
    const maya = await signedIn(ctx, 'maya');
    const page = pageWords(await (await maya.get('/communities/makers')).text());
    expect(page).toContain('Makers Discord');
    expect(page).toMatch(/Support \d+ \d+/);
    expect(page).toContain('Still open');
    const list = pageWords(await (await maya.get('/communities')).text());
    expect(list).toContain('Makers Discord 3 2 16 Nov 2026 BigCo 1 1 16 Nov 2026 Forum 0 0 never');
    for (const [path, words] of [['/communities/atlantis', 'There is no community called “atlantis”.'], ['/members/424242', 'There is no member #424242.'], ['/members/ann', 'There is no member #ann.']] as const) {
      const response = await maya.get(path);
      expect(response.status).toBe(404);
      expect(pageWords(await response.text())).toContain(words);
    }
  });
});

describe('search and capture by hand over HTTP', () => {
  const database = useTestDatabase();

  it('search finds by words and by member, and an item number jumps to the item', async () => {
    const ctx = await testContext(database.current().db);
    const { bug } = await aWeek(ctx);
    const maya = await signedIn(ctx, 'maya');
    const found = pageWords(await (await maya.get('/search?q=login')).text());
    expect(found).toContain('Search: “login”');
    expect(found).toContain(`#${bug} Login is broken`);
    expect(pageWords(await (await maya.get('/search?q=ann_grows')).text())).toContain('Members (1) ann_grows');
    const jump = await maya.get(`/search?q=%23${bug}`);
    expect(jump.status).toBe(303);
    expect(jump.headers.get('location')).toBe(`/items/${bug}`);
    const lena = await signedIn(ctx, 'lena');
    expect(pageWords(await (await lena.get('/search?q=login')).text())).toContain('No item matches.');
  });

  it('a community manager captures by hand: routed, attributed, once however often the form is sent; errors come back beside their field', async () => {
    const ctx = await testContext(database.current().db);
    const maya = await signedIn(ctx, 'maya');
    const form = await (await maya.get('/capture')).text();
    const key = /name="key" value="([^"]+)"/.exec(form)?.[1] as string;
    const bad = await maya.post('/capture', { key, community: 'makers', authorKind: 'slack', authorId: '', authorName: 'Ann', text: 'Export crashes on big gardens' });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('<span id="authorId-error" class="field-error">Give their Slack user ID, or choose “Name only”.</span>');
    expect(badPage).toContain('Export crashes on big gardens');
    expect(await ctx.db.$count(feedbackItems)).toBe(0);

    const fields = { key, community: 'makers', authorKind: 'email', authorId: 'Ann@Example.com', authorName: 'Ann', text: 'Export crashes on big gardens', teams: ['product'] };
    const first = pageWords(await (await maya.post('/capture', fields)).text());
    expect(first).toMatch(/Captured as #\d+ ?, sent to Product\./);
    const second = pageWords(await (await maya.post('/capture', fields)).text());
    expect(second).toMatch(/Already captured as #\d+/);
    expect(await ctx.db.$count(feedbackItems)).toBe(1);
    const [identity] = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.platform, 'webhook'));
    expect(identity?.externalId).toBe('ann@example.com');
    const [capture] = await ctx.db.select().from(actions).where(eq(actions.kind, 'capture'));
    expect([capture?.via, capture?.actorName]).toEqual(['web', 'maya']);

    const sam = await signedIn(ctx, 'sam');
    expect((await sam.get('/capture')).status).toBe(403);
  });

  it('a capture the core refuses shows its words beside the field the core names (a team, the community, the text)', async () => {
    const ctx = await testContext(database.current().db);
    const maya = await signedIn(ctx, 'maya');
    const key = /name="key" value="([^"]+)"/.exec(await (await maya.get('/capture')).text())?.[1] as string;
    const base = { key, community: 'makers', authorKind: 'name', authorName: 'Ann', text: 'The team page is slow' };
    const noTeam = await (await maya.post('/capture', { ...base, teams: ['legal'] })).text();
    expect(noTeam).toContain('<span id="teams-error" class="field-error">There is no team called &quot;legal&quot;.</span>');
    const noCommunity = await (await maya.post('/capture', { ...base, community: 'team-atlantis' })).text();
    expect(noCommunity).toContain('<span id="community-error" class="field-error">There is no community called &quot;team-atlantis&quot;.</span>');
    const blank = await (await maya.post('/capture', { ...base, text: '\u0007\u0007' })).text();
    expect(blank).toContain('<span id="text-error" class="field-error">The feedback has no text once invisible characters are removed.</span>');
    expect(await ctx.db.$count(feedbackItems)).toBe(0);
  });
});
