import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { communityDossier } from '../../src/core/community-dossier.js';
import { linkMemberIdentities } from '../../src/core/link-member-identities.js';
import { memberDossier } from '../../src/core/member-dossier.js';
import { searchItems } from '../../src/core/search-items.js';
import { capturePageBody } from '../../src/adapters/web/capture/capture-page-body.js';
import { communityPageBody } from '../../src/adapters/web/dossiers/community-page-body.js';
import { memberPageBody } from '../../src/adapters/web/dossiers/member-page-body.js';
import { periodProblemBody } from '../../src/adapters/web/impact/period-problem-body.js';
import { searchPageBody } from '../../src/adapters/web/search/search-page-body.js';
import { discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { pageWords, renderHtml } from '../helpers/page-words.js';

const links = { itemHref: (id: number) => `/items/${id}`, memberHref: (id: number) => `/members/${id}`, communityHref: (id: string) => `/communities/${id}` };
const TZ = 'America/New_York';

describe('the Member, Community, Search, Capture and period-problem page bodies', () => {
  const database = useTestDatabase();

  it('the member page shows every identity, per community figures with a chart and its table, and the link form with its error beside the field', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Export <script>alert(1)</script> crashes', {}, { id: '901', name: 'ann_grows' }));
    await captureFeedback(ctx, { ...slackMessage('Can we get a quote?'), author: { platform: 'slack', id: 'U0ANN', name: 'Ann (BigCo)' } });
    const linked = await linkMemberIdentities(ctx, { identities: [{ platform: 'discord', id: '901' }, { platform: 'slack', id: 'U0ANN' }], actor: person(ctx.config, 'maya'), via: 'web' });
    const forms = { linkAction: `/members/${linked.memberId}/link`, unlinkAction: `/members/${linked.memberId}/unlink`, csrf: <input type="hidden" name="csrf" value="t" />, error: { field: 'id' as const, message: 'Liaison has not seen discord user 777 yet.' }, given: { platform: 'discord', id: '777' } };
    const html = await renderHtml(await memberPageBody(await memberDossier(ctx, { memberId: linked.memberId }), links, TZ, forms));
    const words = pageWords(html);
    expect(words).toContain('Discord 901 ann_grows');
    expect(words).toContain('Slack U0ANN Ann (BigCo)');
    expect(words).toContain('In Makers Discord');
    expect(words).toContain('In BigCo');
    expect(words).toContain('Maya linked Discord 901 and Slack U0ANN (through the web app)');
    expect(html.match(/>Unlink<\/button>/g)?.length).toBe(2);
    expect(html).toContain('<span id="link-id-error" class="field-error">Liaison has not seen discord user 777 yet.</span>');
    expect(html).toContain('aria-describedby="link-id-error"');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html.match(/class="chart-table visually-hidden"/g)?.length).toBe(2);
  });

  it('the community page says what it raised, which teams answered and who spoke most, each linking on', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('Login is broken', {}, { id: '901', name: 'ann_grows' }));
    const html = await renderHtml(await communityPageBody(await communityDossier(ctx, { community: 'makers' }), { ...links, impactHref: '/?community=makers' }, TZ));
    const words = pageWords(html);
    expect(words).toContain('Makers Discord');
    expect(words).toContain('ambassador: Slack U0AMBER');
    expect(words).toMatch(/Support 1 0 0% 0 0 0 1 none none/);
    expect(words).toContain('Still open (1)');
    expect(html).toMatch(/<a href="\/members\/\d+">ann_grows<\/a>/);
    expect(html).toContain('href="/?community=makers"');
  });

  it('search results list members and items, and say when a number names no item', async () => {
    const ctx = await testContext(database.current().db);
    await captureFeedback(ctx, discordMessage('The export crashes', {}, { id: '901', name: 'ann_grows' }));
    const html = await renderHtml(searchPageBody(await searchItems(ctx, { q: '#4242' }), { ...links, pageHref: (p) => `/search?q=x&page=${p}` }, TZ));
    expect(pageWords(html)).toContain('There is no item #4242 that you can see');
    const found = pageWords(await renderHtml(searchPageBody(await searchItems(ctx, { q: 'ann' }), { ...links, pageHref: (p) => `?page=${p}` }, TZ)));
    expect(found).toContain('Members (1) ann_grows · Discord ann_grows · 1 item');
    expect(found).toMatch(/Items \(1\) #\d+ The export crashes · Makers Discord · Bug/);
  });

  it('the capture form keeps what was typed and puts each error beside its field', async () => {
    const html = await renderHtml(capturePageBody({
      choices: { communities: [{ id: 'makers', name: 'Makers Discord' }], teams: [{ id: 'support', name: 'Support' }] },
      form: { key: 'k1', values: { authorName: 'Ann', text: 'It <b>breaks</b>', authorKind: 'slack', teams: ['support'] }, errors: { authorId: 'Give their Slack user ID, or choose "Name only".' } },
      csrf: <input type="hidden" name="csrf" value="t" />,
    }));
    expect(pageWords(html)).toContain('Nothing was captured: please correct the fields marked below.');
    expect(html).toContain('<span id="authorId-error" class="field-error">Give their Slack user ID, or choose &quot;Name only&quot;.</span>');
    expect(html).toContain('It &lt;b&gt;breaks&lt;/b&gt;');
    expect(html).toMatch(/<option value="slack" selected="">/);
    expect(html).toMatch(/value="support" checked=""/);
  });

  it('the period problem says what was wrong and every accepted form', async () => {
    const words = pageWords(await renderHtml(periodProblemBody({ given: '2020-01-01..2026-01-01', reason: 'too_long', retryHref: '/' })));
    expect(words).toContain('“2020-01-01..2026-01-01” is longer than 2 years.');
    for (const form of ['2026-W47', '2026-11', '2026-Q4', '2026-10-01..2026-12-31', 'last-week, last-month, last-quarter']) expect(words).toContain(form);
  });
});
