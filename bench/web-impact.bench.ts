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
import { requestOverHttp } from './support/request-pages.js';
import { note, percentile, report } from './report.js';

const ITEMS = 1_000_000;
const ACTIONS = 3_000_000;
const RUNS = 12;
const LIMIT_MS = 300;

/**
 * The Impact page on the digest bench's database (two years, 1M items, 3M actions). First what a leader hits: the
 * running quarter (the page's default), from nothing kept, then over HTTP from a freshly started bot (its
 * composition root, signed in as the example organisation's leader), first request and repeated, and the first
 * request of another bot once its warm-up is done; then its read
 * model and body in process; then a quarter that is over, and the digest's chart PNG. With BENCH_DATABASE_URL
 * pointing at a database that already holds the history, generation is skipped.
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
const running = quarterContaining(dataNow, config.timezone).key;
const closed = previousPeriod(quarterContaining(dataNow, config.timezone)).key;
const href = () => '#';
const load = () => ({ loadavg1: Number(loadavg()[0]?.toFixed(1)) });
const timed = async (build: () => Promise<unknown>) => {
  const t0 = performance.now();
  await build();
  return performance.now() - t0;
};

const rssStart = process.memoryUsage().rss;
// Nothing kept (report_cache emptied): the first visit ever computes and keeps every day of the quarter and the quarter before.
await database.sql`delete from report_cache`;
const cold = await timed(() => buildImpact(ctx, { period: 'quarter' }));
report('impact_running_quarter_cold_ms', cold, 'ms', { period: running, ...load(), note: 'the running quarter with nothing kept yet: every day that is over computed and kept, the quarter before too' });

const http = requestOverHttp({ url: database.url, now: dataNow, user: 'ada', path: '/', runs: RUNS });
const started = (h: typeof http) => ({ cpuMs: Math.round(h.firstCpuMs), readyMs: Math.round(h.readyMs), signInMs: Math.round(h.signInMs), warmUpMs: h.warmUpMs, warmingAtFirst: h.warmingAtFirst });
report('web_impact_page_http_first_ms', http.firstMs, 'ms', { limit: LIMIT_MS, period: running, bytes: http.bytes, ...started(http), ...load(), note: 'GET / (the running quarter) over loopback HTTP, the first request to a freshly started bot, sent as soon as /readyz answered and the leader signed in (the warm-up starts 2 s after the web server listens; a visit while it is under way, warmingAtFirst, joins it); cpuMs is the bot process\'s CPU time during it: session, read model from the kept days + today, five charts, layout' });
report('web_impact_page_http_p95_ms', http.p95, 'ms', { limit: LIMIT_MS, period: running, runs: http.runs, p50: Number(http.p50.toFixed(1)), ...load(), note: 'the same page requested again' });
const later = requestOverHttp({ url: database.url, now: dataNow, user: 'ada', path: '/', runs: 0, when: 'after-warm-up' });
report('web_impact_page_http_first_after_warm_up_ms', later.firstMs, 'ms', { limit: LIMIT_MS, period: running, ...started(later), ...load(), note: 'the same first request to another freshly started bot, sent once the bot logged its warm-up done (a leader arriving a few seconds after a restart)' });

const model: number[] = [];
const page: number[] = [];
// One build first, not counted: this process has not drawn a chart yet (that first time is the HTTP figure above).
await (await impactPageBody(await buildImpact(ctx, { period: 'quarter' }), href)).toString();
const pageCpu: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const impact = await buildImpact(ctx, { period: 'quarter' });
  model.push(performance.now() - t0);
  await (await impactPageBody(impact, href)).toString();
  page.push(performance.now() - t0);
  const used = process.cpuUsage(cpu0);
  pageCpu.push((used.user + used.system) / 1000);
}
report('impact_read_model_running_quarter_p95_ms', percentile(model, 95), 'ms', { limit: LIMIT_MS, period: running, runs: RUNS, p50: Number(percentile(model, 50).toFixed(1)), ...load(), note: 'the running quarter: its days that are over kept (as of now), today read afresh' });
report('web_impact_page_p95_ms', percentile(page, 95), 'ms', { limit: LIMIT_MS, period: running, runs: RUNS, p50: Number(percentile(page, 50).toFixed(1)), nodeCpuP50: Number(percentile(pageCpu, 50).toFixed(1)), ...load(), note: 'read model + page body with five charts for the running quarter, in process (no session, layout or HTTP), after one uncounted build' });

// A quarter that is over: computed once, then kept whole.
await database.sql`delete from report_cache where key like ${`% ${closed} %`}`;
const closedCold = await timed(() => buildImpact(ctx, { period: closed }));
note(`${closed} (over): first build ${closedCold.toFixed(0)} ms`);
const closedRuns: number[] = [];
for (let run = 0; run < RUNS; run += 1) closedRuns.push(await timed(async () => (await impactPageBody(await buildImpact(ctx, { period: closed }), href)).toString()));
report('impact_closed_quarter_cold_ms', closedCold, 'ms', { period: closed, ...load(), note: 'the first build of a quarter that is over, nothing of it kept yet' });
report('impact_closed_quarter_page_p95_ms', percentile(closedRuns, 95), 'ms', { limit: LIMIT_MS, period: closed, runs: RUNS, p50: Number(percentile(closedRuns, 50).toFixed(1)), ...load(), note: 'read model (kept) + page body' });

const rssAfterPages = process.memoryUsage().rss;
const chart = await digestChartData(ctx, lastCompleteWeek(dataNow, config.timezone));
await digestChartImage(chart);
const png: number[] = [];
const cpu0 = process.cpuUsage();
for (let run = 0; run < RUNS; run += 1) {
  // A different last week each time, so that every image is drawn from scratch (drawn charts are kept by spec).
  const figures = { ...chart, weeks: chart.weeks.map((w, i) => (i === chart.weeks.length - 1 ? { ...w, items: w.items + run + 1 } : w)) };
  png.push(await timed(() => digestChartImage(figures)));
}
const cpu = process.cpuUsage(cpu0);
report('digest_chart_png_ms', percentile(png, 50), 'ms', { limit: 150, runs: RUNS, p95: Number(percentile(png, 95).toFixed(1)), cpu_ms: Number(((cpu.user + cpu.system) / 1000 / RUNS).toFixed(1)), ...load(), note: 'Vega-Lite compile + SVG + resvg PNG, from the stored figures; cpu_ms is this process\'s CPU time per image' });
report('charts_rss_delta_mb', (rssAfterPages - rssStart) / 2 ** 20, 'MB', { note: 'resident memory added by the Impact builds and their charts in this process (Vega, Vega-Lite loaded, kept days held)' });
await database.dispose();
