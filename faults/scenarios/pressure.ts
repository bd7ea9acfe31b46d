import { readFileSync } from 'node:fs';
import { streamUntilAnswered } from '../../tests/helpers/stream-body.js';
import type { Bot } from '../lib/bot.js';
import { IntakeClient, percentile } from '../lib/intake-client.js';
import { outboxSettled } from '../lib/outbox.js';
import { mb, scrape, type Scenario } from '../lib/report.js';
import { countBy, tally } from '../lib/tally.js';
import { pause } from '../lib/time.js';
import { storedIntake, World } from '../lib/world.js';

const ENDPOINTS = ['/intake/forum', '/slack/events', '/trackers/support', '/'];

/**
 * A client still sending when the bot refuses and closes can see the connection reset before it reads the 413 (the
 * kernel resets a socket closed with unread bytes): that is a refusal too, counted apart as "reset"; any other error
 * (no answer, a refused connection) fails the test.
 */
const RESET_WHILE_SENDING = -1;
const resetCode = (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? RESET_WHILE_SENDING : 0);

/** 100 parallel oversized bodies on every endpoint that takes one: all refused (413), memory kept. */
export const oversizedBodies: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const url = await world.sharedDatabase();
    const bot = await world.bot('bot', { url });
    bot.start();
    if ((await bot.ready(60_000)) === undefined) throw new Error('the bot did not become ready');
    const before = await scrape(bot.url);
    const bodyBytes = (quick ? 20 : 100) * 1024 * 1024;
    const statuses: number[] = [];
    let sentBytes = 0;
    let peakRss = before.rssBytes ?? 0;
    const sampler = setInterval(() => void scrape(bot.url).then((s) => (peakRss = Math.max(peakRss, s.rssBytes ?? 0))), 250);
    try {
      for (const path of ENDPOINTS) {
        const answers = await Promise.all(Array.from({ length: 100 }, () => streamUntilAnswered(`${bot.url}${path}`, { 'content-type': 'application/json' }, bodyBytes).catch((error: NodeJS.ErrnoException) => ({ status: resetCode(error), bytesSent: 0, totalBytes: bodyBytes }))));
        for (const a of answers) {
          statuses.push(a.status);
          sentBytes += a.bytesSent;
        }
      }
    } finally {
      clearInterval(sampler);
    }
    await pause(500);
    const after = await scrape(bot.url);
    const healthy = await fetch(`${bot.url}/healthz`).then((r) => r.status, () => 0);
    const stored = await storedIntake(world, url, '');
    const growthMb = (mb(peakRss) ?? 0) - (mb(before.rssBytes) ?? 0);
    return {
      ok: statuses.every((s) => s === 413 || s === RESET_WHILE_SENDING) && healthy === 200 && growthMb < 150 && stored.ids.size === 0,
      sent: statuses.length, stored: stored.ids.size, lost: 0, doubled: 0, recoveryMs: null, manualSteps: 0,
      answers: Object.fromEntries(Object.entries(countBy(statuses)).map(([status, n]) => [status === String(RESET_WHILE_SENDING) ? 'reset' : status, n])), bodyMb: bodyBytes / 1024 / 1024, clientSentMbBeforeAnswer: Math.round(sentBytes / statuses.length / 1024 / 1024 * 10) / 10,
      rssBeforeMb: mb(before.rssBytes), rssPeakMb: mb(peakRss), rssAfterMb: mb(after.rssBytes), healthzAfter: healthy,
    };
  } finally {
    await world.close();
  }
};

/**
 * A steady rate of intake posts (100/s for 60 s; quick: 25/s for 12 s), open loop, each post without a 202 sent again
 * afterwards. Everything is measured from outside the bot, so that a bot too busy to answer cannot hide it: RSS from
 * /proc, the outbox from the database, the rate from the sender's own clock (and how far the sender itself fell
 * behind, since it shares the machine). /metrics is scraped too, to show how long it takes to answer under load.
 */
export const load: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const bot = await world.bot('bot', 'embedded');
    bot.start();
    if ((await bot.ready(90_000)) === undefined) throw new Error('the bot did not become ready');
    const dbUrl = await world.embeddedUrl();
    if (!dbUrl) throw new Error('no embedded database');
    const [rate, seconds] = quick ? [25, 12] : [100, 60];
    const client = new IntakeClient(() => [bot.url], 'load');
    const samples = new Sampler(world, dbUrl, bot);
    samples.start();
    let timing;
    try {
      timing = await client.burst(rate * seconds, rate);
    } finally {
      samples.stop();
    }
    const sendSeconds = (timing.lastSentAt - timing.startedAt) / 1000;
    const firstAnswers = [...client.posts.values()].map((p) => p.statuses[0] ?? 0);
    const acceptedInWindow = [...client.posts.values()].filter((p) => p.acceptedAt !== undefined && p.acceptedAt <= timing.lastSentAt).length;
    const resent = await client.resendUntilAccepted(30_000);
    const capture = await captureFigures(world, dbUrl, timing.startedAt, timing.lastSentAt);
    // Cards go out at each platform's pace (Slack about one message per second per channel): the lag is the figure,
    // the outbox is given a bounded while to drain, and what still waits is reported.
    const outbox = await outboxSettled(world, dbUrl, quick ? 30_000 : 60_000);
    const lag = await deliveryLag(world, dbUrl);
    const t = await tally(world, dbUrl, client, 'load');
    const rss = samples.rss();
    return {
      ok: t.lost === 0 && t.doubled === 0 && resent,
      sent: client.sent, stored: t.stored, lost: t.lost, doubled: t.doubled, recoveryMs: null, manualSteps: 0,
      targetRate: rate, seconds, sentRate: round1(client.sent / Math.max(sendSeconds, 1 / rate)), senderMaxLateMs: timing.maxLateMs,
      firstAnswers: countBy(firstAnswers), acceptedRateInWindow: round1(acceptedInWindow / Math.max(sendSeconds, 1)), storedRateInWindow: round1(capture.storedInWindow / Math.max(sendSeconds, 1)),
      requests: client.requests, latencyP50Ms: percentile(client.latencies, 50), latencyP99Ms: percentile(client.latencies, 99),
      rssStartMb: rss.start, rssMaxMb: rss.max, outboxLagMaxS: samples.maxLagSeconds(), outboxPendingMax: samples.maxPending(),
      cardLagP50S: lag.p50, cardLagP99S: lag.p99, cardsSent: lag.sent, outboxWaitingAfter: outbox.waiting, outboxFailed: outbox.failed,
      metricsScrapes: samples.metrics.answered + samples.metrics.unanswered, metricsUnanswered: samples.metrics.unanswered, metricsMaxMs: samples.metrics.maxMs,
      slackPosts: t.posts.slack, discordPosts: t.posts.discord,
    };
  } finally {
    await world.close();
  }
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Every second: the bot's RSS (from /proc) and the outbox (from the database); every two, how /metrics answers. */
class Sampler {
  private readonly rssMb: number[] = [];
  private readonly outbox: { pending: number; lagS: number }[] = [];
  readonly metrics = { answered: 0, unanswered: 0, maxMs: 0 };
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly world: World, private readonly dbUrl: string, private readonly bot: Bot) {}

  start(): void {
    this.timers.push(setInterval(() => {
      const rss = rssBytes(this.bot.pid);
      if (rss !== undefined) this.rssMb.push(mb(rss) ?? 0);
      void this.world.query<{ pending: string; lag: string | null }>(this.dbUrl, `select count(*) as pending, extract(epoch from now() - min(created_at)) as lag from deliveries where status in ('pending', 'sending')`, [], 'sampler')
        .then(([row]) => this.outbox.push({ pending: Number(row?.pending ?? 0), lagS: Number(row?.lag ?? 0) }), () => {});
    }, 1_000));
    this.timers.push(setInterval(() => {
      const started = Date.now();
      void scrape(this.bot.url).then((s) => {
        if (s.rssBytes === undefined) this.metrics.unanswered += 1;
        else this.metrics.answered += 1;
        this.metrics.maxMs = Math.max(this.metrics.maxMs, Date.now() - started);
      });
    }, 2_000));
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  rss(): { start: number | null; max: number | null } {
    return { start: this.rssMb[0] ?? null, max: this.rssMb.length ? Math.max(...this.rssMb) : null };
  }

  maxLagSeconds(): number {
    return Math.round(Math.max(0, ...this.outbox.map((o) => o.lagS)));
  }

  maxPending(): number {
    return Math.max(0, ...this.outbox.map((o) => o.pending));
  }
}

function rssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** How many of the load posts were stored while the sender was sending (the bot's sustained capture rate). */
async function captureFigures(world: World, url: string, from: number, to: number): Promise<{ storedInWindow: number }> {
  const [row] = await world.query<{ n: string }>(url, `select count(*) as n from voices where platform = 'webhook' and message_id like 'load-%' and captured_at between $1 and $2`, [new Date(from).toISOString(), new Date(to).toISOString()]);
  return { storedInWindow: Number(row?.n ?? 0) };
}

/** From each card's creation (in the capture's transaction) to its post: the outbox lag each card saw. */
async function deliveryLag(world: World, url: string): Promise<{ p50: number | null; p99: number | null; sent: number }> {
  const [row] = await world.query<{ p50: string | null; p99: string | null; sent: string }>(url, `select percentile_cont(0.5) within group (order by extract(epoch from sent_at - created_at)) as p50, percentile_cont(0.99) within group (order by extract(epoch from sent_at - created_at)) as p99, count(*) as sent from deliveries where kind = 'card' and status = 'sent'`);
  const seconds = (v: string | null | undefined) => (v == null ? null : round1(Number(v)));
  return { p50: seconds(row?.p50), p99: seconds(row?.p99), sent: Number(row?.sent ?? 0) };
}
