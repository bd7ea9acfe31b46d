import { IntakeClient } from '../lib/intake-client.js';
import { outboxSettled } from '../lib/outbox.js';
import type { Scenario } from '../lib/report.js';
import { pause } from '../lib/time.js';
import { postsSeen, storedIntake, World } from '../lib/world.js';

/**
 * Three instances started at the same moment on one empty database (migrations race), then fed round-robin, with a
 * leadership digest due every minute: every instance comes up, each card is posted once, each digest once.
 */
export const threeInstances: Scenario = async ({ quick }) => {
  const world = await World.open({ digestEveryMinute: true });
  try {
    const url = await world.sharedDatabase();
    const bots = await Promise.all(['a', 'b', 'c'].map((name) => world.bot(`instance-${name}`, { url })));
    const started = Date.now();
    for (const bot of bots) bot.start();
    const ready = await Promise.all(bots.map((bot) => bot.ready(60_000)));
    const up = ready.filter((ms) => ms !== undefined).length;
    if (up === 0) throw new Error('no instance came up');
    const live = bots.filter((_, i) => ready[i] !== undefined);
    const client = new IntakeClient(() => live.map((b) => b.url), 'multi');
    await client.burst(quick ? 30 : 150, 15);
    await client.resendUntilAccepted(20_000);
    // Past the next minute boundary, so that one digest period has come while all three schedulers run.
    const toBoundary = 60_000 - (Date.now() % 60_000);
    await pause(toBoundary + 15_000);
    const outbox = await outboxSettled(world, url, quick ? 90_000 : 240_000);
    const stored = await storedIntake(world, url, 'multi');
    const accepted = [...client.posts].filter(([, p]) => p.accepted).map(([id]) => id);
    const lost = accepted.filter((id) => !stored.ids.has(id)).length;
    const posts = postsSeen(world);
    // Digests cover the last complete week: however often the schedule fires, on however many instances, one post.
    const [digest] = await world.query<{ runs: string; summaries: string }>(url, `select (select count(*) from scheduled_runs where job = 'digest:leadership') as runs, (select count(*) from deliveries where kind = 'digest_summary') as summaries`);
    const digestRuns = Number(digest?.runs ?? 0);
    const digestSummaries = Number(digest?.summaries ?? 0);
    const summaryPosts = world.slack.posts('C0LEADERS').filter((p) => !p.thread_ts).length;
    return {
      ok: up === 3 && lost === 0 && posts.doubled === 0 && stored.items === stored.ids.size && digestRuns === 1 && digestSummaries === 1 && summaryPosts === 1 && outbox.waiting === 0,
      sent: client.sent, stored: stored.ids.size, lost, doubled: stored.items - stored.ids.size + posts.doubled, recoveryMs: null, manualSteps: up === 3 ? 0 : 1,
      instancesUp: up, allReadyMs: up === 3 ? Math.max(...(ready as number[])) : null, startedTogetherAt: new Date(started).toISOString(),
      digestRuns, digestSummaries, digestSummaryPosts: summaryPosts, exitCodes: bots.map((b) => b.exits), slackPosts: posts.slack, discordPosts: posts.discord,
      outboxWaiting: outbox.waiting,
    };
  } finally {
    await world.close();
  }
};
