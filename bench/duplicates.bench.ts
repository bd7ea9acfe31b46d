import pino from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { captureFeedback, type CaptureInput } from '../src/core/capture-feedback.js';
import { systemClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { MIN_SIMILARITY } from '../src/core/duplicates/similar-open-items.js';
import { findSimilarItems } from '../src/core/find-similar-items.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { openRoutingModel } from '../src/cli/routing-model.js';
import { benchDatabase } from './support/bench-database.js';
import { duplicateArrivals } from './support/duplicate-set.js';
import { feedbackText } from './support/feedback-texts.js';
import { note, percentile, report } from './report.js';

const SHOWN = 3;
const OPEN_ITEMS = Number(process.env.BENCH_OPEN_ITEMS ?? 2_000);
const LOOKUPS = 300;

/**
 * Duplicate suggestions, as a card offers them: each report of the labelled set (bench/support/duplicate-set.ts)
 * arrives through the intake in order, and the open items offered for it (at most 3) are checked against the
 * labels. Precision: offered items that are true duplicates. Recall: reports with an earlier duplicate for which one
 * was offered. Then the cost of one lookup against OPEN_ITEMS open items (a card draws one per render).
 */
const logger = pino({ level: 'silent' });
const { config } = await loadConfig(undefined);
const database = await benchDatabase(4);
await syncOrganisation(database.db, config);
const model = await openRoutingModel(database.db, logger);
const ctx: Context = { db: database.db, config, clock: systemClock, logger, classifier: model.classifier };

const intake = (id: string, text: string): CaptureInput => ({
  source: { platform: 'webhook', id: 'forum' },
  message: { platform: 'webhook', channelId: 'forum', id, text, postedAt: new Date() },
  author: { platform: 'webhook', id: `author-${id}`, name: 'someone' },
  via: 'webhook',
});

const group = new Map<number, number | undefined>();
let offered = 0;
let right = 0;
let withEarlier = 0;
let found = 0;
for (const [i, arrival] of duplicateArrivals().entries()) {
  const result = await captureFeedback(ctx, intake(`dup-${i}`, arrival.text));
  if (result.status !== 'created') throw new Error(`report ${i} was not stored: ${result.status}`);
  const hasEarlier = arrival.group !== undefined && [...group.values()].includes(arrival.group);
  group.set(result.itemId, arrival.group);
  const similar = await findSimilarItems(ctx, { itemId: result.itemId, limit: SHOWN });
  const good = similar.filter((s) => arrival.group !== undefined && group.get(s.itemId) === arrival.group).length;
  offered += similar.length;
  right += good;
  if (hasEarlier) withEarlier += 1;
  if (hasEarlier && good > 0) found += 1;
}
note(`${group.size} reports, ${withEarlier} with an earlier duplicate; ${offered} suggestions offered, ${right} right (min score ${MIN_SIMILARITY}, at most ${SHOWN} per report)`);
report('duplicate_suggestion_precision', right / offered, 'ratio', { offered, right, minScore: MIN_SIMILARITY, shown: SHOWN });
report('duplicate_suggestion_recall', found / withEarlier, 'ratio', { reports: withEarlier, found });

for (let i = 0; i < OPEN_ITEMS; i += 1) await captureFeedback(ctx, intake(`open-${i}`, feedbackText(i)));
const ids = (await database.sql<{ id: string }[]>`select id from feedback_items order by id desc limit ${LOOKUPS}`).map((r) => Number(r.id));
for (const id of ids.slice(0, 20)) await findSimilarItems(ctx, { itemId: id, limit: SHOWN }); // warm-up
const times: number[] = [];
for (const id of ids) {
  const t0 = performance.now();
  await findSimilarItems(ctx, { itemId: id, limit: SHOWN });
  times.push(performance.now() - t0);
}
report('duplicate_lookup_p50', percentile(times, 50), 'ms', { openItems: OPEN_ITEMS + group.size });
report('duplicate_lookup_p99', percentile(times, 99), 'ms', { openItems: OPEN_ITEMS + group.size });
await database.dispose();
