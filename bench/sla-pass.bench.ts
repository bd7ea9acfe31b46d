import { loadavg } from 'node:os';
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../src/config/load-config.js';
import { checkSlas } from '../src/core/check-slas.js';
import { ManualClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { reminderWindow } from '../src/core/sla/reminder-window.js';
import { reminderSettings, teamCalendar } from '../src/core/sla/sla-policy.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { connect, migrateDatabase } from '../src/db/client.js';
import { benchDatabase } from './support/bench-database.js';
import { generateHistory } from './support/generate-history.js';
import { note, report } from './report.js';

const ITEMS = 1_000_000;
const ACTIONS = 3_000_000;
const TEAM = 'product';
const DAY = 86_400_000;

/**
 * The SLA pass for one team on the digest bench's history (1M items, two years; Product has about 133,000 open
 * routings, never checked: the first pass after SLAs are turned on over a backlog), at a moment in the team's
 * business hours: the first pass (every state recorded), the next minute's (nothing new) and the first pass of the
 * next reminder window (the reminder gathered over every overdue routing). Peak heap is sampled every 5 ms during
 * each pass. With BENCH_DATABASE_URL (a database holding the history, generated there when it does not), the pass
 * runs on a copy made from it (CREATE DATABASE … TEMPLATE: nobody else may be connected to it meanwhile), so that
 * the source stays unchecked for the next run and for other benchmarks.
 */
const given = process.env.BENCH_DATABASE_URL;
const source = await benchDatabase(4);
const { config } = await loadConfig(undefined);
const [existing] = await source.sql`select count(*)::int as n from feedback_items`;
if (Number(existing?.n) < ITEMS) {
  await syncOrganisation(source.db, config);
  const t0 = performance.now();
  await generateHistory(source.sql, { items: ITEMS, actions: ACTIONS, members: 60_000, now: new Date() });
  note(`generated the history in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const [latest] = await source.sql`select max(captured_at) as at from feedback_items`;
const dataNow = new Date(latest?.at as string);
let database = source;
let dropCopy = async () => {};
if (given) {
  await source.close();
  const name = new URL(given).pathname.slice(1);
  const copy = `${name}_sla_pass`;
  const admin = postgres(Object.assign(new URL(given), { pathname: '/postgres' }).toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${copy}`);
  const t0 = performance.now();
  await admin.unsafe(`create database ${copy} template ${name}`);
  note(`copied ${name} to ${copy} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const url = Object.assign(new URL(given), { pathname: `/${copy}` }).toString();
  const opened = connect(url, { max: 4 });
  await migrateDatabase(opened);
  database = { ...opened, url, dispose: () => opened.close() };
  dropCopy = async () => {
    await admin.unsafe(`drop database if exists ${copy} with (force)`);
    await admin.end();
  };
}
await syncOrganisation(database.db, config);

// The first moment after the history's last capture that is in the team's business hours, ten minutes into a window.
const calendar = teamCalendar(config, TEAM);
const { everyMs } = reminderSettings(config, TEAM);
let at = dataNow.getTime() + 60 * 60_000;
while (!reminderWindow(calendar, everyMs, new Date(at))) at += 10 * 60_000;
const clock = new ManualClock(new Date(at + 10 * 60_000));
const ctx: Context = { db: database.db, config, clock, logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
// The ladder climbs for what fell due in the last day, as if SLAs had been turned on a day ago.
const ladderSince = new Date(clock.now().getTime() - DAY);
const [watched] = await database.sql`
  select count(*)::int as n from routings where team_id = ${TEAM} and status in ('open', 'acknowledged', 'owned')`;
note(`${TEAM}: ${watched?.n} open routings; pass at ${clock.now().toISOString()}`);

const load = () => ({ loadavg1: Number(loadavg()[0]?.toFixed(1)) });
async function pass(name: string, what: string) {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  const [result] = await checkSlas(ctx, { teams: [TEAM], ladderSince });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const facts = { changes: result?.changes, ladderSteps: result?.ladderSteps, reminded: result?.reminded, ...load() };
  report(`sla_pass_${name}_ms`, ms, 'ms', { ...facts, note: what });
  report(`sla_pass_${name}_peak_heap_mb`, peak / 2 ** 20, 'MB', { heapBeforeMb: Number((before / 2 ** 20).toFixed(1)), note: `peak heap used during it (sampled every 5 ms): ${what}` });
}

await pass('first', `the first pass over ${watched?.n} open ${TEAM} routings never checked: every state recorded, the ladder for the last day, the window's reminder`);
clock.advance(60_000);
await pass('next_minute', 'the next minute: nothing new to record, the reminder already sent');
const firstWindow = reminderWindow(calendar, everyMs, clock.now())?.key;
do clock.advance(10 * 60_000);
while (!reminderWindow(calendar, everyMs, clock.now()) || reminderWindow(calendar, everyMs, clock.now())?.key === firstWindow);
await pass('next_window', "the next reminder window: the reminder gathered again over every overdue routing");
await database.dispose();
await dropCopy();
