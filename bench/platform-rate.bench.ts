import { loadavg } from 'node:os';
import pino from 'pino';
import { systemClock } from '../src/core/clock.js';
import { OutboxWorker } from '../src/delivery/outbox-worker.js';
import { outboxDepth } from '../src/delivery/outbox-store.js';
import { note, report } from './report.js';
import { benchDatabase } from './support/bench-database.js';
import { busyConfig, limitedPlatform, seedCards, type BenchPlatform } from './support/busy-channels.js';

const CHANNELS = Number(process.env.BENCH_BUSY_CHANNELS ?? 50);
/** Below the condensing threshold (60), so that every card is posted on its own. */
const PER_CHANNEL = Number(process.env.BENCH_BUSY_PER_CHANNEL ?? 30);
/** What the doubles allow for CHANNELS busy channels: Slack one post a second per channel; Discord the same per route, within 50/s for the bot. */
const ALLOWED = { slack: CHANNELS, discord: Math.min(50, CHANNELS) } as const;

/**
 * One worker serving CHANNELS busy team channels through the real Slack and Discord ports, against loopback doubles
 * that enforce the platforms' limits and answer 429 beyond them: what fraction of the allowed rate is used, and how
 * often the doubles had to say no.
 */
async function run(platform: BenchPlatform): Promise<{ share: number; overall: number; refusals: number; posts: number; seconds: number }> {
  const database = await benchDatabase(10);
  try {
    const config = busyConfig(platform, CHANNELS);
    await seedCards(database.db, config, CHANNELS, PER_CHANNEL);
    const double = await limitedPlatform(platform, config, CHANNELS);
    let retried = 0;
    const observer = { sent: () => {}, failed: () => {}, retried: () => void (retried += 1) };
    const worker = new OutboxWorker({ db: database.db, config, clock: systemClock, logger: pino({ level: process.env.BENCH_LOG ?? 'silent' }), ports: { [platform]: double.port, console: double.port }, observer });
    worker.start(50);
    const deadline = Date.now() + 10 * PER_CHANNEL * 1_000;
    while ((await outboxDepth(database.db, new Date())).pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.stop();
    await double.close();
    const posts = double.posts();
    const at = posts.map((p) => p.at).sort((a, b) => a - b);
    const byChannel = new Map<string, number[]>();
    for (const p of posts) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), p.at]);
    const gaps = [...byChannel.values()].flatMap((list) => list.sort((a, b) => a - b).slice(1).map((t, i) => t - (list[i] as number)));
    gaps.sort((a, b) => a - b);
    note(`# ${platform}: gaps between a channel's posts p50 ${gaps[Math.floor(gaps.length / 2)]} ms, p90 ${gaps[Math.floor(gaps.length * 0.9)]} ms, max ${gaps.at(-1)} ms`);
    const seconds = ((at.at(-1) ?? 0) - (at[0] ?? 0)) / 1000;
    // While every channel is busy (from the last channel's first post to the first channel's last post), what
    // fraction of the allowed rate went out; the ramp at the start and the tail at the end are reported beside it.
    const from = Math.max(...[...byChannel.values()].map((list) => list[0] as number));
    const to = Math.min(...[...byChannel.values()].map((list) => list.at(-1) as number));
    const inWindow = at.filter((t) => t > from && t <= to).length;
    const share = inWindow / ((to - from) / 1000) / ALLOWED[platform];
    const overall = (at.length - CHANNELS) / seconds / ALLOWED[platform];
    note(`# ${platform}: ${retried} deliveries put back for a retry; all busy for ${((to - from) / 1000).toFixed(1)} s of ${seconds.toFixed(1)} s; over the whole run ${overall.toFixed(3)} of the allowed rate`);
    return { share, overall, refusals: double.limits.refusals.length, posts: at.length, seconds };
  } finally {
    await database.dispose();
  }
}

note(`# ${CHANNELS} busy channels, ${PER_CHANNEL} cards each, per platform; load average ${loadavg()[0]?.toFixed(1)}`);
const slack = await run('slack');
note(`# slack: ${slack.posts} posts in ${slack.seconds.toFixed(1)} s, ${slack.refusals} answered 429`);
const discord = await run('discord');
note(`# discord: ${discord.posts} posts in ${discord.seconds.toFixed(1)} s, ${discord.refusals} answered 429`);
report('outbox_platform_rate_share', Math.min(slack.share, discord.share), 'fraction', {
  limit: '>= 0.9 of the allowed rate, no 429 storm',
  slack: Number(slack.share.toFixed(3)),
  discord: Number(discord.share.toFixed(3)),
  wholeRun: { slack: Number(slack.overall.toFixed(3)), discord: Number(discord.overall.toFixed(3)) },
  allowedPerS: ALLOWED,
  refused429: { slack: slack.refusals, discord: discord.refusals },
  channels: CHANNELS,
});
