import { streamUntilAnswered } from '../../tests/helpers/stream-body.js';
import { IntakeClient, percentile } from '../lib/intake-client.js';
import { outboxSettled } from '../lib/outbox.js';
import { mb, scrape, type Scenario } from '../lib/report.js';
import { pause } from '../lib/time.js';
import { postsSeen, storedIntake, World } from '../lib/world.js';
import { countBy } from './crashes.js';

const ENDPOINTS = ['/intake/forum', '/slack/events', '/trackers/support', '/'];

/** 100 parallel oversized bodies on every endpoint that takes one: all refused with 413, memory kept. */
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
        const answers = await Promise.all(Array.from({ length: 100 }, () => streamUntilAnswered(`${bot.url}${path}`, { 'content-type': 'application/json' }, bodyBytes).catch(() => ({ status: 0, bytesSent: 0, totalBytes: bodyBytes }))));
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
      ok: statuses.every((s) => s === 413) && healthy === 200 && growthMb < 150 && stored.ids.size === 0,
      sent: statuses.length, stored: stored.ids.size, lost: 0, doubled: 0, recoveryMs: null, manualSteps: 0,
      answers: countBy(statuses), bodyMb: bodyBytes / 1024 / 1024, clientSentMbBeforeAnswer: Math.round(sentBytes / statuses.length / 1024 / 1024 * 10) / 10,
      rssBeforeMb: mb(before.rssBytes), rssPeakMb: mb(peakRss), rssAfterMb: mb(after.rssBytes), healthzAfter: healthy,
    };
  } finally {
    await world.close();
  }
};

/** A steady rate of intake posts (100/s for 60 s; quick: 25/s for 12 s), RSS and outbox lag sampled every second. */
export const load: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const bot = await world.bot('bot', 'embedded');
    bot.start();
    if ((await bot.ready(90_000)) === undefined) throw new Error('the bot did not become ready');
    const [rate, seconds] = quick ? [25, 12] : [100, 60];
    const client = new IntakeClient(() => [bot.url], 'load');
    const samples: { rssMb: number | null; lagS: number; pending: number }[] = [];
    let unanswered = 0;
    // A scrape the bot was too busy to answer in 2 s is counted, not taken as a zero.
    const sampler = setInterval(() => void scrape(bot.url).then((s) => {
      if (s.rssBytes === undefined) unanswered += 1;
      else samples.push({ rssMb: mb(s.rssBytes), lagS: s.outboxLagSeconds ?? 0, pending: s.outboxPending ?? 0 });
    }), 1_000);
    const started = Date.now();
    try {
      await client.burst(rate * seconds, rate);
    } finally {
      clearInterval(sampler);
    }
    const achievedRate = Math.round((client.sent / ((Date.now() - started) / 1000)) * 10) / 10;
    const statuses = [...client.posts.values()].flatMap((p) => p.statuses);
    const resent = await client.resendUntilAccepted(30_000);
    const dbUrl = await world.embeddedUrl();
    if (!dbUrl) throw new Error('no embedded database');
    const stored = await storedIntake(world, dbUrl, 'load');
    const accepted = [...client.posts].filter(([, p]) => p.accepted).map(([id]) => id);
    const lost = accepted.filter((id) => !stored.ids.has(id)).length;
    // The outbox is not waited for to the end: Slack takes one message per second per channel, so a burst of cards
    // to one channel drains at that pace; its lag is the figure.
    const outbox = await outboxSettled(world, dbUrl, 5_000);
    const posts = postsSeen(world);
    const rss = samples.map((s) => s.rssMb ?? 0);
    return {
      ok: lost === 0 && posts.doubled === 0 && stored.items === stored.ids.size && resent,
      sent: client.sent, stored: stored.ids.size, lost, doubled: stored.items - stored.ids.size + posts.doubled, recoveryMs: null, manualSteps: 0,
      targetRate: rate, achievedRate, seconds, answers: countBy(statuses), latencyP50Ms: percentile(client.latencies, 50), latencyP99Ms: percentile(client.latencies, 99),
      rssStartMb: rss[0] ?? null, rssMaxMb: rss.length ? Math.max(...rss) : null, metricsSamples: samples.length, metricsUnanswered: unanswered, outboxLagMaxS: Math.round(Math.max(0, ...samples.map((s) => s.lagS))), outboxPendingMax: Math.max(0, ...samples.map((s) => s.pending)),
      outboxWaitingAfter: outbox.waiting, slackPosts: posts.slack, discordPosts: posts.discord,
    };
  } finally {
    await world.close();
  }
};
