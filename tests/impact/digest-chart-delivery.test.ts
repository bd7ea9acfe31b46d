import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleChat } from '../../src/adapters/console/console-chat.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { publishDigest } from '../../src/core/publish-digest.js';
import { recordAction } from '../../src/core/record-action.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { deliveries } from '../../src/db/schema/index.js';
import { CHANNEL } from '../discord/fakes/fake-state.js';
import { PEOPLE, userMessage } from '../discord/fakes/payloads.js';
import { useDiscordHarness } from '../discord/helpers/discord-harness.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { person, testContext, type TestContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { useSlackHarness } from '../slack/helpers/slack-harness.js';

const PNG = '\x89PNG';

/** A week with something in it: two items, one passed from Support to Product. */
async function week(ctx: TestContext) {
  const bug = await captureNew(ctx, discordMessage('The export crashes on big gardens'));
  await captureFeedback(ctx, discordMessage('How do I pair a second hub?'));
  await recordAction(ctx, { routingId: bug.routings[0]!.id, kind: 'pass_on', toTeam: 'product', actor: person(ctx.config, 'sam'), via: 'button', reason: 'a product bug' });
  ctx.clock.set('2026-11-23T14:00:00Z');
  await publishDigest(ctx, { kind: 'leadership' }, '2026-W47', ctx.clock.now());
}

describe('the digest image on Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('is uploaded once into the digest thread through the files upload API, with alt text and a link to the Impact page', async () => {
    const h = await startSlack();
    await week(h.ctx);
    await h.worker.drain();
    const [summary] = h.fake.posts('C0LEADERS');
    const shared = h.fake.fileShares('C0LEADERS');
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ thread_ts: summary?.ts });
    const [upload] = [...h.fake.uploads.values()];
    expect(upload?.bytes?.subarray(0, 4).toString('latin1')).toBe(PNG);
    expect(upload?.alt_text).toMatch(/^Bar chart of feedback items per week for the last 12 weeks.*Heatmap of 1 hand-offs? between teams in 2026-W47; the most, 1, from Support to Product\.$/);
    expect(shared[0]?.text).toContain('<http://localhost:3000/?period=2026-08-31..2026-11-22|Open the Impact page>');
    expect(h.fake.called('files.getUploadURLExternal')).toHaveLength(1);
    const [row] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'digest_chart'));
    expect(row).toMatchObject({ status: 'sent', messageId: upload?.id });
  });

  it('is not uploaded a second time when the answer to the upload was lost and the delivery is retried', async () => {
    const h = await startSlack();
    h.fake.failNext('files.completeUploadExternal', { lost: true });
    await week(h.ctx);
    await h.worker.drain();
    const [pending] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'digest_chart'));
    expect(pending).toMatchObject({ status: 'pending' });
    h.ctx.clock.advance(10 * 60_000);
    await h.worker.drain();
    expect(h.fake.fileShares('C0LEADERS')).toHaveLength(1);
    expect(h.fake.called('files.getUploadURLExternal')).toHaveLength(1);
    const [sent] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'digest_chart'));
    expect(sent).toMatchObject({ status: 'sent', messageId: [...h.fake.uploads.keys()][0] });
  });
});

describe('the digest image on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);
  const leadershipOnDiscord = () => testConfig((c) => void (c.digests = { leadership: { home: { discord: CHANNEL.elsewhere } } }));

  it('is sent once as an attachment in the digest thread, shown in an embed that links to the Impact page', async () => {
    const h = await startDiscord({ config: leadershipOnDiscord() });
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Checkout crashes on Safari'));
    h.ctx.clock.set('2026-11-23T14:00:00Z');
    await publishDigest(h.ctx, { kind: 'leadership' }, '2026-W47', h.ctx.clock.now());
    await h.deliver();
    const [summary] = h.discord.state.botMessages(CHANNEL.elsewhere);
    const withImage = h.discord.state.botMessages(summary!.id).filter((m) => (m.attachments as unknown[]).length > 0);
    expect(withImage).toHaveLength(1);
    const [attachment] = withImage[0]!.attachments as { filename: string; description: string; png: boolean; content_type: string }[];
    expect(attachment).toMatchObject({ filename: 'liaison-digest-2026-W47.png', png: true, content_type: 'image/png' });
    expect(attachment?.description).toMatch(/^Bar chart of feedback items per week/);
    const [embed] = withImage[0]!.embeds as { title: string; url: string; image: { url: string } }[];
    expect(embed).toMatchObject({ title: 'Feedback and hand-offs · 2026-W47', image: { url: 'attachment://liaison-digest-2026-W47.png' } });
    expect(embed?.url).toMatch(/^http:\/\/localhost:3000\/\?period=/);
  });

  it('is not posted twice when Discord took the message but its answer was lost (the nonce)', async () => {
    const h = await startDiscord({ config: leadershipOnDiscord() });
    h.ctx.clock.set('2026-11-23T14:00:00Z');
    await publishDigest(h.ctx, { kind: 'leadership' }, '2026-W47', h.ctx.clock.now());
    await h.deliver();
    const [row] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'digest_chart'));
    const [summary] = h.discord.state.botMessages(CHANNEL.elsewhere);
    // The outbox sends the same delivery again, as after a crash between Discord's answer and marking it sent.
    const again = await h.adapter.chat.deliver({ id: row!.id, key: row!.key, platform: 'discord', channelId: CHANNEL.elsewhere, threadId: summary!.id, editsMessageId: null, attempt: 2, content: { kind: 'digest_chart', chart: row!.payload as never } });
    expect(again.messageId).toBe(row!.messageId);
    expect(h.discord.state.botMessages(summary!.id).filter((m) => (m.attachments as unknown[]).length > 0)).toHaveLength(1);
  });
});

describe('the digest image on the terminal', () => {
  const database = useTestDatabase();
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is written to a PNG under the data directory, and its path, its alt text and the Impact link are printed', async () => {
    const ctx = await testContext(database.current().db, { config: testConfig((c) => void (c.digests = { leadership: { home: { slack: 'C0LEADERS' } } })) });
    await week(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'liaison-charts-'));
    dirs.push(dir);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const chat = new ConsoleChat(out, ctx.config.timezone, ctx.clock, { chartDir: dir, web: () => 'https://liaison.example.com' });
    await new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: pino({ level: 'silent' }), ports: { console: chat } }).drain();
    const path = join(dir, 'liaison-digest-2026-W47.png');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe(PNG);
    expect(printed).toContain(`Feedback and hand-offs · 2026-W47: image written to ${path}`);
    expect(printed).toContain('Impact page: https://liaison.example.com/?period=2026-08-31..2026-11-22');
    expect(printed).toContain('from Support to Product');
  });
});
