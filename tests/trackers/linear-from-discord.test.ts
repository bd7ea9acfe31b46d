import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { actions, routings } from '../../src/db/schema/index.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from '../discord/fakes/fake-state.js';
import { buttonClick, modalSubmit, PEOPLE, userMessage } from '../discord/fakes/payloads.js';
import { view } from '../discord/helpers/card-view.js';
import { useDiscordHarness, type DiscordHarness } from '../discord/helpers/discord-harness.js';
import { FakeLinear } from './fakes/fake-linear.js';
import { linearHeaders, trackerConfig, trackerSetup } from './helpers/tracker-setup.js';

describe('Linear issues from a Discord card', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);
  const doubles: FakeLinear[] = [];
  afterEach(async () => {
    for (const d of doubles.splice(0)) await d.close();
  });

  async function start() {
    const ref: { h?: DiscordHarness } = {};
    const linear = await new FakeLinear(() => ref.h?.ctx.clock.now() ?? new Date()).start();
    doubles.push(linear);
    const h = (ref.h = await startDiscord({ config: trackerConfig({ linear: linear.url }) }));
    const harness = h;
    const trackers = await trackerSetup(h.ctx);
    const worker = new OutboxWorker({ db: h.ctx.db, config: h.ctx.config, clock: h.ctx.clock, logger: h.ctx.logger, ports: { discord: h.adapter.chat, slack: h.slack, console: new RecordingChat(), tracker: trackers.port }, pacingMs: { discord: 0, slack: 0 }, sleep: async (ms) => void harness.ctx.clock.advance(ms) });
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Notifications crash the app <@&7781> @everyone'));
    await worker.drain();
    const card = () => h.discord.state.botMessages(CHANNEL.supportHome)[0]!;
    const click = async (label: string) => {
      await harness.send('INTERACTION_CREATE', buttonClick(harness.discord.state, card(), view(card()).button(label), PEOPLE.sam));
      await worker.drain();
    };
    const stateChanged = async (identifier: string, state: 'done' | 'canceled' | 'progress', at: string, delivery: string) => {
      const { issue, state: s } = linear.setState(identifier, state, new Date(at));
      const body = JSON.stringify({ action: 'update', type: 'Issue', data: { ...issue, state: { id: s.id, name: s.name, type: s.type } }, updatedFrom: { stateId: 'st-backlog' }, url: issue.url, createdAt: at, webhookTimestamp: Date.now(), webhookId: 'wh-1' });
      const response = await trackers.post('support', body, linearHeaders(body, delivery));
      await worker.drain();
      return response;
    };
    return { h, linear, trackers, worker, card, click, stateChanged };
  }

  it('Create issue calls Linear through its SDK with an ID of Liaison’s choosing, and the card shows the issue', async () => {
    const t = await start();
    await t.click('Create issue');
    expect(t.linear.operations()).toEqual(['issue', 'teams', 'issueLabels', 'createIssue', 'issue', 'workflowState']);
    const create = t.linear.calls.find((c) => FakeLinear.operation(c) === 'createIssue');
    const input = (create?.body as { variables: { input: Record<string, unknown> } }).variables.input;
    expect(input).toMatchObject({ teamId: 'team-eng-uuid', labelIds: ['label-feedback'], title: 'Notifications crash the app @Support @\u200Beveryone' });
    expect(String(input.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(input.description)).toContain('~~~text\nNotifications crash the app');
    expect(create?.headers.authorization).toBe('lin_api_test_key');
    const field = view(t.card()).embed.fields?.find((f) => f.name === 'Linear issue');
    expect(field?.value).toBe('[ENG-101](https://linear.app/fernhill/issue/ENG-101/x) · Backlog');
    expect(view(t.card()).buttons).toContain('Issue ENG-101');
    expect(view(t.card()).buttons).not.toContain('Create issue');
  });

  it('done in Linear resolves the card and the author hears on Discord, once, that it shipped (no link: Linear is not public)', async () => {
    const t = await start();
    await t.click('Create issue');
    const first = await t.stateChanged('ENG-101', 'done', '2026-11-18T09:00:00Z', 'linear-delivery-1');
    const unsigned = await t.trackers.post('support', JSON.stringify({ type: 'Issue' }), {});
    expect(first.status).toBe(202);
    expect(unsigned.status).toBe(401);
    const [support] = await t.h.ctx.db.select().from(routings).where(eq(routings.teamId, 'support'));
    expect(support?.status).toBe('resolved');
    const replies = t.h.discord.state.botMessages(CHANNEL.source);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.content).toBe(`<@${PEOPLE.ann.user.id}> Support at Testco has resolved this. It has shipped. Thank you for telling us! (ref #1)`);
  });

  it('the same Linear delivery twice, or a canceled state older than the one applied, changes nothing', async () => {
    const t = await start();
    await t.click('Create issue');
    await t.stateChanged('ENG-101', 'canceled', '2026-11-18T09:00:00Z', 'd-1');
    const [declined] = await t.h.ctx.db.select().from(routings).where(eq(routings.teamId, 'support'));
    expect(declined).toMatchObject({ status: 'declined', declineReason: "Won't fix" });
    const duplicate = await t.stateChanged('ENG-101', 'canceled', '2026-11-18T09:00:00Z', 'd-1');
    expect(await duplicate.json()).toEqual({ status: 'duplicate' });
    expect(t.h.discord.state.botMessages(CHANNEL.source)).toHaveLength(1);
  });

  it('a lost answer to createIssue gives one issue: the retry asks Linear for the ID it chose', async () => {
    const t = await start();
    t.linear.failNext('POST', /^\/graphql$/, { lost: true }, 1, (c) => FakeLinear.operation(c) === 'createIssue');
    await t.click('Create issue');
    t.h.ctx.clock.advance(10_000);
    await t.worker.drain();
    expect(t.linear.issues).toHaveLength(1);
    expect(t.linear.operations().filter((o) => o === 'createIssue')).toHaveLength(1);
    expect(await t.h.ctx.db.$count(actions, eq(actions.kind, 'create_issue'))).toBe(1);
    expect(view(t.card()).embed.fields?.find((f) => f.name === 'Linear issue')?.value).toContain('ENG-101');
  });

  it('Link issue takes a key in a modal; one of another Linear team is refused with what was expected', async () => {
    const t = await start();
    t.linear.issues.push({ id: 'existing-uuid', identifier: 'ENG-7', title: 'Crash on notifications', description: '', url: 'https://linear.app/fernhill/issue/ENG-7/crash', teamId: 'team-eng-uuid', labelIds: [], state: { id: 'st-progress' }, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' });
    const submit = async (ref: string) => {
      const modal = modalSubmit(t.h.discord.state, t.card(), `lz:link_issue:${view(t.card()).button('Link issue').split(':')[2]}`, PEOPLE.sam, [{ id: 'ref', value: ref }]);
      await t.h.send('INTERACTION_CREATE', modal);
      await t.worker.drain();
      return t.h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(modal.token)}/messages/@original$`)).map((c) => c.body?.content);
    };
    expect(await submit('OPS-3')).toEqual(['⚠️ "OPS-3" is not a Linear issue of team ENG: its URL or a key such as ENG-123.']);
    expect(await submit('eng-7')).toEqual(['Linking ENG-7 to #1; the card shows it in a moment.']);
    expect(view(t.card()).embed.fields?.find((f) => f.name === 'Linear issue')?.value).toBe('[ENG-7](https://linear.app/fernhill/issue/ENG-7/crash) · In Progress');
  });
});
