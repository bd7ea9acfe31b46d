import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { actions, deliveries, routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, shown } from '../slack/helpers/slack-asserts.js';
import { feedbackCarded } from '../slack/helpers/slack-flows.js';
import { startSlack, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { blockAction } from '../slack/helpers/slack-payloads.js';
import { FakeGitHub } from './fakes/fake-github.js';
import { githubHeaders, PUBLIC_URL, trackerConfig, trackerSetup } from './helpers/tracker-setup.js';

const TEXT = 'We would love an export to CSV. cc @octocat, see #12 and https://github.com/fernhill/garden-app/issues/3';

async function start(db: Parameters<typeof startSlack>[0], options: { private?: boolean } = {}) {
  // The double dates its issues by the harness's clock, which exists only once the harness is started with its URL.
  const ref: { h?: SlackHarness } = {};
  const github = await new FakeGitHub('fernhill/garden-app', () => ref.h?.ctx.clock.now() ?? new Date(), options.private).start();
  const h = (ref.h = await startSlack(db, { config: trackerConfig({ github: github.url }) }));
  const trackers = await trackerSetup(h.ctx);
  const harness = h;
  const worker = new OutboxWorker({ db: h.ctx.db, config: h.ctx.config, clock: h.ctx.clock, logger: h.ctx.logger, ports: { slack: h.adapter.chat, discord: h.others, console: h.others, tracker: trackers.port }, pacingMs: { slack: 0, discord: 0 }, sleep: async (ms) => void harness.ctx.clock.advance(ms) });
  const settle = async () => {
    await harness.adapter.idle();
    await worker.drain();
  };
  const press = async (cardTs: string, actionId: string, user = 'U0PRIYA') => {
    await harness.interaction(blockAction({ user, channel: 'C0PRODUCT', messageTs: cardTs, actionId, value: buttonValue(harness.fake, 'C0PRODUCT', actionId), responseUrl: `${harness.fake.url}/respond/${user}` }));
    await settle();
  };
  const closed = (number: number, reason: 'completed' | 'not_planned', at: string, delivery: string) => webhook(github.change(number, 'closed', reason, new Date(at)), 'closed', delivery);
  const webhook = async (issue: ReturnType<FakeGitHub['change']>, action: string, delivery: string) => {
    const body = JSON.stringify({ action, issue, repository: { full_name: 'fernhill/garden-app', private: options.private ?? false } });
    const response = await trackers.post('product', body, githubHeaders(body, delivery));
    await settle();
    return response;
  };
  return { h, github, trackers, settle, press, closed, webhook };
}

describe('GitHub issues from a Slack card', () => {
  const database = useTestDatabase();
  const open: { h: SlackHarness; github: FakeGitHub }[] = [];
  afterEach(async () => {
    for (const { h, github } of open.splice(0)) {
      await h.close();
      await github.close();
    }
  });

  it('Create issue makes one issue with the feedback as inert text, its voices, community and a link back, and the card shows it', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:create_issue');

    const [created] = t.github.callsTo('POST', /\/issues$/);
    const sent = created?.body as { title: string; body: string; labels: string[] };
    expect(t.github.issues).toHaveLength(1);
    expect(created?.headers.authorization).toBe('token github_pat_test_token');
    expect(sent.labels).toEqual(['feedback']);
    expect(sent.body.startsWith('<!-- liaison:item-1 -->\n')).toBe(true);
    expect(sent.body).toContain('in BigCo · 1 person said this');
    expect(sent.body).toContain(`[Liaison item #1](${PUBLIC_URL}/items/1)`);
    // The feedback sits in a code block, where GitHub neither notifies @octocat nor links #12 or the other issue.
    expect(sent.body).toContain(`~~~text\n${TEXT}\n~~~`);
    expect(sent.body.replace(/~~~text\n[\s\S]*?\n~~~/, '')).not.toMatch(/@octocat|#12\b/);
    expect(sent.title).not.toContain('@octocat');

    const update = t.h.fake.called('chat.update').at(-1);
    expect(shown(update)).toContain('GitHub issue <https://github.com/fernhill/garden-app/issues/41|fernhill/garden-app#41> · open');
    expect(shown(update)).not.toContain('card:create_issue');
    const [ledger] = await t.h.ctx.db.select().from(actions).where(eq(actions.kind, 'create_issue'));
    const thread = t.h.fake.posts('C0PRODUCT').filter((p) => p.thread_ts === productCard);
    expect(shown(thread.at(-1))).toContain('(Product) created an issue for this: fernhill/garden-app#41');
    expect(ledger).toMatchObject({ actorId: 'U0PRIYA', teamId: 'product', via: 'button', data: { issue: { tracker: 'github', key: 'fernhill/garden-app#41', url: 'https://github.com/fernhill/garden-app/issues/41', public: true } } });
  });

  it('closing the issue as completed resolves the card as GitHub, and the author hears once, in their thread, that it shipped', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard, originalTs } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:create_issue');

    const response = await t.closed(41, 'completed', '2026-11-17T10:00:00Z', 'delivery-1');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'applied' });
    const again = await t.webhook({ ...t.github.issues[0]!, state: 'closed', state_reason: 'completed' }, 'closed', 'delivery-1');
    expect(await again.json()).toEqual({ status: 'duplicate' });

    const [product] = await t.h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    expect(product?.status).toBe('resolved');
    const [resolve] = await t.h.ctx.db.select().from(actions).where(eq(actions.kind, 'resolve'));
    expect(resolve).toMatchObject({ via: 'tracker', actorPlatform: 'tracker', actorName: 'GitHub (fernhill/garden-app)' });
    const replies = t.h.fake.posts('C0BIGCO').filter((p) => p.thread_ts === originalTs);
    expect(replies).toHaveLength(1);
    expect(shown(replies[0])).toContain('It has shipped: <https://github.com/fernhill/garden-app/issues/41|fernhill/garden-app#41>');
  });

  it('a private repository’s link stays inside: the author hears it shipped, without the link', async () => {
    const t = await start(database.current().db, { private: true });
    open.push(t);
    const { productCard, originalTs } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:create_issue');
    await t.closed(41, 'completed', '2026-11-17T10:00:00Z', 'delivery-1');
    const [reply] = t.h.fake.posts('C0BIGCO').filter((p) => p.thread_ts === originalTs);
    expect(shown(reply)).toContain('It has shipped.');
    expect(shown(reply)).not.toContain('issues/41');
  });

  it('closed as not planned declines with the tracker’s reason; a reopen reopens; a close older than the reopen changes nothing', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:create_issue');
    const status = async () => (await t.h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product')))[0];

    await t.closed(41, 'not_planned', '2026-11-17T10:00:00Z', 'd-1');
    expect(await status()).toMatchObject({ status: 'declined', declineReason: 'not planned' });
    const reopenedIssue = t.github.change(41, 'open', 'reopened', new Date('2026-11-17T11:00:00Z'));
    await t.webhook(reopenedIssue, 'reopened', 'd-2');
    expect((await status())?.status).toBe('open');
    // A close from before the reopen, delivered late: GitHub's updated_at says it is old news.
    const late = await t.webhook({ ...reopenedIssue, state: 'closed', state_reason: 'completed', updated_at: '2026-11-17T10:30:00Z' }, 'closed', 'd-3');
    expect(await late.json()).toEqual({ status: 'stale' });
    expect((await status())?.status).toBe('open');
    expect(await t.h.ctx.db.$count(actions, and(eq(actions.via, 'tracker')))).toBe(2);
  });

  it('an answer lost after GitHub created the issue gives one issue: the retry finds it by its marker', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard } = await feedbackCarded(t.h, TEXT);
    t.github.failNext('POST', /\/issues$/, { lost: true });
    await t.press(productCard, 'card:create_issue');
    expect(t.github.issues).toHaveLength(1);
    t.h.ctx.clock.advance(10_000);
    await t.settle();

    expect(t.github.issues).toHaveLength(1);
    expect(t.github.callsTo('POST', /\/issues$/)).toHaveLength(1);
    expect(t.github.callsTo('GET', /\/issues$/).length).toBeGreaterThanOrEqual(2);
    expect(await t.h.ctx.db.$count(actions, eq(actions.kind, 'create_issue'))).toBe(1);
    expect(shown(t.h.fake.called('chat.update').at(-1))).toContain('fernhill/garden-app#41');
  });

  it('a token without permission: the person who pressed is told why, privately, nothing is retried, and the card offers the button again', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard } = await feedbackCarded(t.h, TEXT);
    t.github.failNext('POST', /\/issues$/, { status: 403, body: { message: 'Resource not accessible by personal access token' } });
    await t.press(productCard, 'card:create_issue');
    t.h.ctx.clock.advance(3_600_000);
    await t.settle();

    const [told] = t.h.fake.called('chat.postEphemeral');
    expect(told).toMatchObject({ channel: 'C0PRODUCT', user: 'U0PRIYA' });
    expect(shown(told)).toContain('The issue for #1 could not be created in GitHub (fernhill/garden-app): GitHub refused to create the issue: 403 Resource not accessible by personal access token');
    expect(t.github.callsTo('POST', /\/issues$/)).toHaveLength(1);
    const [request] = await t.h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'tracker_issue'));
    expect(request?.status).toBe('failed');
    expect(shown(t.h.fake.called('chat.update').at(-1))).toContain('card:create_issue');
  });

  it('refuses a webhook with a bad or missing signature, and ignores one about an issue no card has', async () => {
    const t = await start(database.current().db);
    open.push(t);
    const { productCard } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:create_issue');
    const body = JSON.stringify({ action: 'closed', issue: t.github.change(41, 'closed', 'completed', new Date('2026-11-17T10:00:00Z')), repository: { full_name: 'fernhill/garden-app', private: false } });
    const forged = await t.trackers.post('product', body, githubHeaders(body, 'd-1', 'not-the-secret-at-all'));
    const unsigned = await t.trackers.post('product', body, { 'x-github-event': 'issues', 'x-github-delivery': 'd-2' });
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    expect((await t.h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product')))[0]?.status).toBe('open');
    const other = JSON.stringify({ action: 'closed', issue: { ...t.github.issues[0]!, id: 1, number: 7 }, repository: { full_name: 'fernhill/garden-app', private: false } });
    const unknown = await t.trackers.post('product', other, githubHeaders(other, 'd-3'));
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toEqual({ status: 'ignored', reason: 'no card is linked to this issue' });
  });

  it('Link issue attaches an existing issue named by its URL, checked against the team’s repository', async () => {
    const t = await start(database.current().db);
    open.push(t);
    t.github.issues.push({ id: 9_100, number: 100, title: 'CSV export', body: 'x', labels: [], state: 'open', state_reason: null, html_url: 'https://github.com/fernhill/garden-app/issues/100', created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' });
    const { productCard } = await feedbackCarded(t.h, TEXT);
    await t.press(productCard, 'card:link_issue');
    const view = t.h.fake.called('views.open').at(-1)?.view as { private_metadata: string; callback_id: string };
    const submit = (ref: string) => t.h.interaction({ type: 'view_submission', user: { id: 'U0PRIYA', name: 'priya' }, team: { id: 'T0TEST' }, api_app_id: 'A0LIAISON', token: 'legacy', trigger_id: 't', view: { id: `V${ref.length}`, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { ref: { value: { type: 'plain_text_input', value: ref } } } }, hash: 'h' } });
    const wrong = await submit('https://github.com/someone/else/issues/100');
    expect(await wrong.json()).toEqual({ response_action: 'errors', errors: { ref: "Give #42, fernhill/garden-app#42 or the issue's URL." } });
    await submit('https://github.com/fernhill/garden-app/issues/100');
    await t.settle();
    expect(shown(t.h.fake.called('chat.update').at(-1))).toContain('fernhill/garden-app#100');
    expect(t.github.issues).toHaveLength(1);
    const [linked] = await t.h.ctx.db.select().from(actions).where(eq(actions.kind, 'link_issue'));
    expect(linked).toMatchObject({ actorId: 'U0PRIYA', via: 'modal' });
  });
});
