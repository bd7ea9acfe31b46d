import { loadavg } from 'node:os';
import pino from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { ManualClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { lastCompleteWeek, previousPeriod, quarterContaining } from '../src/core/digest/period.js';
import { buildImpact } from '../src/core/impact/build-impact.js';
import { digestChartData } from '../src/core/impact/digest-chart-data.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { digestChartImage } from '../src/adapters/charts/digest-chart-image.js';
import { impactPageBody } from '../src/adapters/web/impact/impact-page-body.js';
import { benchDatabase } from './support/bench-database.js';
import { generateHistory } from './support/generate-history.js';
import { note, percentile, report } from './report.js';

const ITEMS = 1_000_000;
const ACTIONS = 3_000_000;
const RUNS = 12;
const RUNNING_RUNS = 3;

/**
 * The Impact page's read model for a quarter on the digest bench's database (two years, 1M items, 3M actions),
 * then with its body (five charts) rendered on top, the running quarter, and the digest's chart PNG. With BENCH_DATABASE_URL pointing at
 * a database that already holds the history, generation is skipped.
 */
const database = await benchDatabase(10);
const { config } = await loadConfig(undefined);
await syncOrganisation(database.db, config);
const now = new Date();
const [existing] = await database.sql`select count(*)::int as n from feedback_items`;
if (Number(existing?.n) < ITEMS) {
  const t0 = performance.now();
  await generateHistory(database.sql, { items: ITEMS, actions: ACTIONS, members: 60_000, now });
  note(`generated the history in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const [latest] = await database.sql`select max(captured_at) as at from feedback_items`;
const dataNow = new Date(Math.max(now.getTime() - 86_400_000 * 3650, new Date(latest?.at as string).getTime()));
const ctx: Context = { db: database.db, config, clock: new ManualClock(dataNow), logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
const quarter = previousPeriod(quarterContaining(dataNow, config.timezone)).key;
const href = () => '#';

const load = () => ({ loadavg1: Number(loadavg()[0]?.toFixed(1)) });
const rssBefore = process.memoryUsage().rss;
// From scratch: nothing kept yet for the quarter (report_cache emptied), as on the first visit after it closed.
await database.sql`delete from report_cache`;
let t0 = performance.now();
const first = await buildImpact(ctx, { period: quarter });
const cold = performance.now() - t0;
note(`${quarter}: ${first.outcomes.current.items.value} items, ${first.totals.received} team assignments, ${first.handoffs.length} hand-off pairs`);
await (await impactPageBody(first, href)).toString();
const rssAfterCharts = process.memoryUsage().rss;

const model: number[] = [];
const page: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  t0 = performance.now();
  const impact = await buildImpact(ctx, { period: quarter });
  const t1 = performance.now();
  await (await impactPageBody(impact, href)).toString();
  model.push(t1 - t0);
  page.push(performance.now() - t0);
}
report('impact_read_model_p95_ms', percentile(model, 95), 'ms', { limit: 300, period: quarter, runs: RUNS, p50: Number(percentile(model, 50).toFixed(1)), ...load(), note: 'a quarter that is over: its figures kept (report_cache) after the first build' });
report('impact_read_model_cold_ms', cold, 'ms', { period: quarter, ...load(), note: 'the first build of that quarter, nothing kept yet' });
report('web_impact_page_p95_ms', percentile(page, 95), 'ms', { limit: 300, period: quarter, runs: RUNS, p50: Number(percentile(page, 50).toFixed(1)), ...load(), note: 'read model + page body with five charts (drawn once, then kept by spec); no layout, no HTTP' });

// The running quarter (the page's default): its own figures are computed on every visit, the quarter before is kept.
const running: number[] = [];
for (let run = 0; run < RUNNING_RUNS; run += 1) {
  t0 = performance.now();
  await buildImpact(ctx, { period: 'quarter' });
  running.push(performance.now() - t0);
}
report('impact_read_model_running_quarter_p50_ms', percentile(running, 50), 'ms', { limit: 300, runs: RUNNING_RUNS, max: Number(Math.max(...running).toFixed(1)), ...load(), note: 'the quarter still running, as of the newest generated item' });

const chart = await digestChartData(ctx, lastCompleteWeek(dataNow, config.timezone));
await digestChartImage(chart);
const png: number[] = [];
const cpu0 = process.cpuUsage();
for (let run = 0; run < RUNS; run += 1) {
  // A different last week each time, so that every image is drawn from scratch (drawn charts are kept by spec).
  const figures = { ...chart, weeks: chart.weeks.map((w, i) => (i === chart.weeks.length - 1 ? { ...w, items: w.items + run + 1 } : w)) };
  t0 = performance.now();
  await digestChartImage(figures);
  png.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
report('digest_chart_png_ms', percentile(png, 50), 'ms', { limit: 150, runs: RUNS, p95: Number(percentile(png, 95).toFixed(1)), cpu_ms: Number(((cpu.user + cpu.system) / 1000 / RUNS).toFixed(1)), ...load(), note: 'Vega-Lite compile + SVG + resvg PNG, from the stored figures; cpu_ms is this process\'s CPU time per image' });
report('charts_rss_delta_mb', (rssAfterCharts - rssBefore) / 2 ** 20, 'MB', { note: 'resident memory added by the first Impact build and its charts (Vega, Vega-Lite, resvg loaded)' });
await database.dispose();
