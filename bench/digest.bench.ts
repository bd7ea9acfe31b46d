import { loadavg } from 'node:os';
import pino from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { buildDigest } from '../src/core/build-digest.js';
import { ManualClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { lastCompleteWeek } from '../src/core/digest/period.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { benchDatabase } from './support/bench-database.js';
import { generateHistory } from './support/generate-history.js';
import { note, percentile, report } from './report.js';

const ITEMS = 1_000_000;
const ACTIONS = 3_000_000;
const RUNS = 15;

/** Weekly leadership digest build time on a database holding two years of history. */
const database = await benchDatabase(10);
const { config } = await loadConfig(undefined);
await syncOrganisation(database.db, config);
let now = new Date();
let t0 = performance.now();
// With BENCH_DATABASE_URL pointing at a database that already holds the history (web-impact.bench.ts's), it is reused.
const [existing] = await database.sql`select count(*)::int as n, max(captured_at) as latest from feedback_items`;
if (Number(existing?.n) < ITEMS) await generateHistory(database.sql, { items: ITEMS, actions: ACTIONS, members: 60_000, now });
else now = new Date(existing?.latest as string);
await database.sql`delete from report_cache`;
const [counts] = await database.sql`select (select count(*) from feedback_items) as items, (select count(*) from routings) as routings, (select count(*) from actions) as actions`;
note(`${Number(existing?.n) < ITEMS ? 'generated' : 'found'} ${counts?.items} items, ${counts?.routings} routings, ${counts?.actions} actions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const ctx: Context = { db: database.db, config, clock: new ManualClock(now), logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
const week = lastCompleteWeek(now, config.timezone);
t0 = performance.now();
const first = await buildDigest(ctx, { period: week.key });
const cold = performance.now() - t0;
note(`${week.key}: ${first.totals.current.received} received, ${first.silos.counts.noAction} untouched, ${first.handoffs.length} hand-off pairs`);
const timings: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  t0 = performance.now();
  await buildDigest(ctx, { period: week.key });
  timings.push(performance.now() - t0);
}
const load = { loadavg1: Number(loadavg()[0]?.toFixed(1)) };
report('digest_build_p50', percentile(timings, 50), 'ms', { limit: 500, items: Number(counts?.items), actions: Number(counts?.actions), runs: RUNS, ...load, note: 'last week, over: its figures kept after the first build' });
report('digest_build_max', Math.max(...timings), 'ms', { limit: 500, ...load });
report('digest_build_cold_ms', cold, 'ms', { ...load, note: 'the first build of that week, nothing kept yet' });
await database.dispose();
