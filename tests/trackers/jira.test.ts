import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { digestText } from '../../src/cli/reports.js';
import { buildDigest } from '../../src/core/build-digest.js';
import { requestIssue } from '../../src/core/trackers/request-issue.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { actions, routings } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { captureNew, slackMessage } from '../helpers/capture.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { FakeJira } from './fakes/fake-jira.js';
import { jiraHeaders, trackerConfig, trackerSetup } from './helpers/tracker-setup.js';

describe('Jira issues through its REST API', () => {
  const database = useTestDatabase();
  const doubles: FakeJira[] = [];
  afterEach(async () => {
    for (const d of doubles.splice(0)) await d.close();
  });

  async function start() {
    const ref: { ctx?: TestContext } = {};
    const jira = await new FakeJira(() => ref.ctx?.clock.now() ?? new Date()).start();
    doubles.push(jira);
    const c = (ref.ctx = await testContext(database.current().db, { config: trackerConfig({ jira: jira.url }) }));
    const trackers = await trackerSetup(c);
    const chat = new RecordingChat();
    const worker = new OutboxWorker({ db: c.db, config: c.config, clock: c.clock, logger: c.logger, ports: { slack: chat, discord: chat, console: chat, tracker: trackers.port }, sleep: async (ms) => void c.clock.advance(ms) });
    const captured = await captureNew(c, slackMessage('Could we get a quote for the enterprise plan? Ping @channel'));
    const sales = captured.routings.find((r) => r.team === 'sales')!;
    const create = async () => {
      await requestIssue(c, { routingId: sales.id, op: 'create', actor: person(c.config, 'lena'), via: 'command', notify: { platform: 'console', userId: 'lena', channelId: 'console' } });
      await worker.drain();
    };
    const routing = async () => (await c.db.select().from(routings).where(eq(routings.id, sales.id)))[0];
    return { ctx: c, jira, trackers, chat, worker, create, routing };
  }

  it('creates the issue with basic auth, its marker label, and the feedback in a code block of the description', async () => {
    const t = await start();
    await t.create();
    const [call] = t.jira.callsTo('POST', /\/rest\/api\/3\/issue$/);
    expect(call?.headers.authorization).toBe(t.jira.auth);
    const { fields } = call?.body as { fields: { project: { key: string }; issuetype: { name: string }; labels: string[]; summary: string; description: { content: { type: string; content?: { text: string }[] }[] } } };
    expect(fields).toMatchObject({ project: { key: 'GARDEN' }, issuetype: { name: 'Task' }, labels: ['liaison-item-1'] });
    const code = fields.description.content.find((n) => n.type === 'codeBlock');
    expect(code?.content?.[0]?.text).toBe('Could we get a quote for the enterprise plan? Ping @\u200Bchannel');
    expect(t.jira.callsTo('POST', /search\/jql$/).map((c) => (c.body as { jql: string }).jql)).toEqual(['project = "GARDEN" AND labels = "liaison-item-1" ORDER BY created ASC']);
    const [ledger] = await t.ctx.db.select().from(actions).where(eq(actions.kind, 'create_issue'));
    expect(ledger).toMatchObject({ actorName: 'Lena', via: 'command', data: { issue: { tracker: 'jira', key: 'GARDEN-7', url: 'https://fernhill.atlassian.net/browse/GARDEN-7', public: false } } });
  });

  it('a lost answer gives one issue: the retry finds it by its label', async () => {
    const t = await start();
    t.jira.failNext('POST', /\/rest\/api\/3\/issue$/, { lost: true });
    await t.create();
    t.ctx.clock.advance(10_000);
    await t.worker.drain();
    expect(t.jira.issues).toHaveLength(1);
    expect(t.jira.callsTo('POST', /\/rest\/api\/3\/issue$/)).toHaveLength(1);
    expect(await t.ctx.db.$count(actions, eq(actions.kind, 'create_issue'))).toBe(1);
  });

  it("a signed issue_updated with Won't Do declines with Jira's resolution; done with Done resolves after a reopen", async () => {
    const t = await start();
    await t.create();
    const send = async (status: string, resolution: string | null, category: 'done' | 'indeterminate', at: string, delivery: string) => {
      const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', timestamp: Date.parse(at), issue: t.jira.resolve('GARDEN-7', status, resolution, category, new Date(at)) });
      const response = await t.trackers.post('sales', body, jiraHeaders(body, delivery));
      await t.worker.drain();
      return response;
    };
    await send('Done', "Won't Do", 'done', '2026-11-17T10:00:00Z', 'j-1');
    expect(await t.routing()).toMatchObject({ status: 'declined', declineReason: "Won't Do" });
    await send('In Progress', null, 'indeterminate', '2026-11-17T11:00:00Z', 'j-2');
    expect((await t.routing())?.status).toBe('open');
    await send('Done', 'Done', 'done', '2026-11-17T12:00:00Z', 'j-3');
    expect((await t.routing())?.status).toBe('resolved');
    const forged = await t.trackers.post('sales', '{}', jiraHeaders('{"other":1}', 'j-4'));
    expect(forged.status).toBe(401);
    expect(await t.ctx.db.$count(actions, and(eq(actions.via, 'tracker'), eq(actions.teamId, 'sales')))).toBe(3);
  });

  it('the digest counts, per team, the items that became issues and the median time from feedback to shipped', async () => {
    const t = await start();
    await t.create();
    t.ctx.clock.set('2026-11-18T13:59:00Z');
    const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: t.jira.resolve('GARDEN-7', 'Done', 'Done', 'done', new Date('2026-11-18T13:59:00Z')) });
    await t.trackers.post('sales', body, jiraHeaders(body, 'j-1'));
    const report = await buildDigest(t.ctx, { period: '2026-W47' });
    expect(report.teams.find((team) => team.team === 'sales')?.tracker).toEqual({ issues: 1, shipped: 1, medianToShippedMs: 2 * 86_400_000 });
    expect(report.teams.find((team) => team.team === 'product')?.tracker).toBeUndefined();
    expect(digestText(report)).toContain('1 item became an issue; 1 shipped, a median 48 h after the feedback was posted (wall-clock).');
  });

  it('an issue the token may not see cannot be linked: the person is told so in the console, and nothing is retried', async () => {
    const t = await start();
    const [routing] = await t.ctx.db.select().from(routings).where(eq(routings.teamId, 'sales'));
    await requestIssue(t.ctx, { routingId: routing!.id, op: 'link', ref: 'https://fernhill.atlassian.net/browse/GARDEN-99', actor: person(t.ctx.config, 'lena'), via: 'command', notify: { platform: 'console', userId: 'lena', channelId: 'console' } });
    await t.worker.drain();
    t.ctx.clock.advance(3_600_000);
    await t.worker.drain();
    const notices = t.chat.sent.filter((m) => m.content.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.content).toMatchObject({ notice: { code: 'issue_not_linked', cause: 'not_found', ref: 'GARDEN-99', userId: 'lena' } });
    expect(t.jira.callsTo('GET', /GARDEN-99$/)).toHaveLength(1);
  });
});
