import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { resolveActor } from '../src/core/actor.js';
import { captureFeedback } from '../src/core/capture-feedback.js';
import { recordAction } from '../src/core/record-action.js';
import { systemClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { OutboxWorker } from '../src/delivery/outbox-worker.js';
import { keywordClassifier } from '../tests/fakes/keyword-classifier.js';
import { note, report } from './report.js';
import { benchDatabase } from './support/bench-database.js';
import { busyConfig, channelOf, limitedPlatform, teamOf } from './support/busy-channels.js';
import { feedbackText } from './support/feedback-texts.js';

const ITEMS = Number(process.env.BENCH_BURST_ITEMS ?? 500);
const RATE = Number(process.env.BENCH_BURST_RATE ?? 100);

/**
 * A launch-day burst: ITEMS new items for one team, arriving at RATE a second, through the real Slack port against
 * the loopback double that enforces one post per second per channel. How many messages the channel gets before
 * every item has been announced there (its own card, or a line in a combined card whose thread carries its card).
 */
const database = await benchDatabase(10);
// Anyone may act here: the bench's lead acknowledges cards while the burst's thread is posted.
const config = busyConfig('slack', 1, (c) => void (c.permissions = { teamMembersOnly: false }));
await syncOrganisation(database.db, config);
const ctx: Context = { db: database.db, config, clock: systemClock, logger: pino({ level: 'silent' }), classifier: keywordClassifier() };
const double = await limitedPlatform('slack', config, 1);
const worker = new OutboxWorker({ db: database.db, config, clock: systemClock, logger: ctx.logger, ports: { slack: double.port, console: double.port } });
note(`# ${ITEMS} items for one Slack channel at ${RATE}/s, condensing threshold ${config.teams[teamOf(0)]?.condense.threshold}; load average ${loadavg()[0]?.toFixed(1)}`);

const started = Date.now();
worker.start(50);
let next = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < ITEMS) {
    const i = next++;
    const due = started + (i / RATE) * 1000;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    await captureFeedback(ctx, {
      source: { platform: 'slack', id: 'C0SOURCE' },
      message: { platform: 'slack', channelId: 'C0SOURCE', id: `1790000000.${String(i).padStart(6, '0')}`, text: feedbackText(i), postedAt: new Date() },
      author: { platform: 'slack', id: `U0M${i % 200}`, name: `member ${i % 200}` },
      via: 'message',
    });
  }
}));
const arrivedS = (Date.now() - started) / 1000;

// Announced: every item's card is in the channel, or in the thread of a combined card that is.
const unannounced = async () => Number((await database.db.execute<{ n: string }>(sql`
  select count(*) as n from deliveries d left join deliveries b on b.id = d.parent_id
  where d.kind = 'card' and d.status <> 'sent' and (d.parent_id is null or b.status <> 'sent')`))[0]?.n ?? 0);
while ((await unannounced()) > 0 && Date.now() - started < 30 * 60_000) await new Promise((resolve) => setTimeout(resolve, 100));
const announcedS = (Date.now() - started) / 1000;

// While the thread takes its cards at the channel's pace, someone acknowledges the single cards one by one: how long
// until each card's update reaches Slack (it should not wait behind the thread).
const UPDATES = 5;
const lead = resolveActor(config, { platform: 'slack', id: 'U0LEAD', name: 'Lead' });
const singles = await database.db.execute<{ routing_id: string; message_id: string }>(sql`
  select routing_id, message_id from deliveries where kind = 'card' and parent_id is null and status = 'sent' order by id limit ${UPDATES}`);
const updateLagMs: number[] = [];
for (const single of singles) {
  const asked = Date.now();
  await recordAction(ctx, { routingId: Number(single.routing_id), kind: 'acknowledge', actor: lead, via: 'button' });
  const arrived = async () => double.updates?.().find((u) => u.ts === single.message_id)?.at;
  while ((await arrived()) === undefined && Date.now() - asked < 60_000) await new Promise((resolve) => setTimeout(resolve, 10));
  updateLagMs.push(((await arrived()) ?? Date.now()) - asked);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
const threadedMeanwhile = Number((await database.db.execute<{ n: string }>(sql`
  select count(*) as n from deliveries where kind = 'card' and parent_id is not null and status = 'sent'`))[0]?.n ?? 0);
await worker.stop();
const posts = double.posts();
const channel = channelOf('slack', 0);
const [counts] = await database.db.execute<{ combined: string; listed: string }>(sql`
  select count(*) filter (where kind = 'card_burst') as combined,
    coalesce(sum(jsonb_array_length(payload->'routingIds')) filter (where kind = 'card_burst'), 0) as listed
  from deliveries`);
await double.close();
const inChannel = posts.filter((p) => p.channel === channel && !p.thread).length;
note(`# all ${ITEMS} arrived in ${arrivedS.toFixed(1)} s; all announced after ${announcedS.toFixed(1)} s; ${counts?.combined} combined card(s) listing ${counts?.listed} items`);
report('burst_cards_posted', inChannel, 'messages', {
  limit: `Slack: 1 post/s per channel, so ${ITEMS} single cards would take ${ITEMS} s`,
  items: ITEMS,
  combinedCards: Number(counts?.combined ?? 0),
  singleCards: inChannel - Number(counts?.combined ?? 0),
  allAnnouncedAfterS: Number(announcedS.toFixed(1)),
  double429: double.limits.refusals.length,
});
const sortedLag = [...updateLagMs].sort((a, b) => a - b);
note(`# ${updateLagMs.length} card updates while the thread was posted (${threadedMeanwhile} thread cards posted by the last one): ${updateLagMs.join(', ')} ms`);
report('burst_update_during_thread_ms', sortedLag.at(-1) ?? 0, 'ms', {
  limit: 'an update to a card in the channel waits for at most the one thread card on its way (about a second), not for the thread',
  median: sortedLag[Math.floor(sortedLag.length / 2)] ?? 0,
  updates: updateLagMs.length,
});
await database.dispose();
