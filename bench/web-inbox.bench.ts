import { loadavg } from 'node:os';
import pino from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { resolveActor } from '../src/core/actor.js';
import { ManualClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { listInbox } from '../src/core/list-inbox.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { inboxPageBody } from '../src/adapters/web/inbox/inbox-page-body.js';
import { benchDatabase } from './support/bench-database.js';
import { generateHistory } from './support/generate-history.js';
import { requestOverHttp } from './support/request-pages.js';
import { note, percentile, report } from './report.js';

const OPEN = 5_000;
const HISTORY = { items: 200_000, actions: 600_000, members: 20_000 };
const RUNS = 30;
const LIMIT_MS = 100;

/**
 * The Inbox page for a team with 5,000 open routings, over a database with two years of closed history for every
 * team: the read model (count, page, each person's moves) and the page body rendered to HTML, as the server does for
 * GET /inbox (session lookup and layout aside). Runs cycle through the first page, a filtered page and the last page.
 */
const database = await benchDatabase(10);
const { config } = await loadConfig(undefined);
await syncOrganisation(database.db, config);
const now = new Date('2026-11-16T15:00:00Z');
const [existing] = await database.sql`select count(*)::int as n from routings where team_id = 'support' and status in ('open', 'acknowledged', 'owned')`;
// With BENCH_DATABASE_URL pointing at a database this bench filled before, generation is skipped.
if (Number(existing?.n) !== OPEN) {
  const t0 = performance.now();
  await generateHistory(database.sql, { ...HISTORY, now: new Date(now.getTime() - 60 * 86_400_000) });
  // The history's still-open routings are closed: the open ones are the 5,000 made below, all Support's.
  await database.sql`update routings set status = 'resolved', resolved_at = created_at + interval '1 day', closed_at = created_at + interval '1 day' where status in ('open', 'acknowledged', 'owned')`;
  await openRoutings(OPEN, now);
  note(`generated ${HISTORY.items} closed-history items and ${OPEN} open Support routings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const ctx: Context = { db: database.db, config, clock: new ManualClock(now), logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
const viewer = resolveActor(config, { platform: 'console', id: 'sam', name: 'Sam' });
const kit = { csrf: '', token: (form: string) => `benchbenchben.${form}`, back: '/inbox', itemHref: (id: number) => `/items/${id}`, actionUrl: (id: number, verb: string) => `/items/${id}/${verb}`, teams: Object.entries(config.teams).map(([id, t]) => ({ id, name: t.name ?? id })) };
const links = { itemHref: (id: number) => `/items/${id}`, pageHref: (page: number) => `/inbox?page=${page}` };
const filters = [{}, { community: Object.keys(config.communities)[0], category: 'bug' }, { page: Math.ceil(OPEN / 50) }];

const first = await listInbox(ctx, { viewer, filter: {} });
note(`Support's inbox: ${first.total} open routings, ${first.pages} pages; first row ${first.rows[0]?.sla.state}`);
const samples: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < RUNS + 3; run += 1) {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const inbox = await listInbox(ctx, { viewer, filter: filters[run % filters.length] });
  const html = (await inboxPageBody(inbox, links, kit, config.timezone)).toString();
  if (html.length < 1_000) throw new Error('the inbox page came out empty');
  if (run < 3) continue;
  samples.push(performance.now() - started);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
report('web_inbox_p95_ms', percentile(samples, 95), 'ms', { limit: LIMIT_MS, openRoutings: OPEN, runs: RUNS, p50: Number(percentile(samples, 50).toFixed(1)), nodeCpuP95: Number(percentile(cpu, 95).toFixed(1)), loadAverage: Number(loadavg()[0]?.toFixed(1)), note: 'read model + inbox body (50 rows with their action forms) for a team with 5,000 open routings; first, filtered and last page in turn; no session lookup or layout' });
const http = requestOverHttp({ url: database.url, now, user: 'sam', path: '/inbox', runs: RUNS });
report('web_inbox_http_p95_ms', http.p95, 'ms', { limit: LIMIT_MS, openRoutings: OPEN, runs: http.runs, p50: Number(http.p50.toFixed(1)), firstMs: Number(http.firstMs.toFixed(1)), bytes: http.bytes, loadAverage: Number(loadavg()[0]?.toFixed(1)), note: 'GET /inbox (first page) over loopback HTTP from a freshly started server process: session, read model, body, layout; firstMs is its first request' });
await database.dispose();

/** Open Support routings with voices, SLA targets and a few steps taken, spread over the last 60 days. */
async function openRoutings(count: number, at: Date): Promise<void> {
  const { sql } = database;
  const sources = await sql<{ id: number; community_id: string }[]>`select id, community_id from sources order by id`;
  const pick = (values: string[]) => `(array[${values.map((v) => `'${v}'`).join(',')}])[1 + g % ${values.length}]`;
  const stamp = at.toISOString();
  await sql.unsafe(`
    with made as (
      insert into feedback_items (community_id, source_id, author_id, text, category, category_confidence, sentiment, urgency, priority, classification, posted_at, captured_at)
      select ${pick(sources.map((s) => s.community_id))}, ${pick(sources.map((s) => String(s.id)))}::int, 1 + g % ${HISTORY.members},
        'open feedback number ' || g || ': the sync fails when the sensor goes offline, and the dashboard shows stale numbers for hours',
        (array['bug','question','complaint','feature_request'])[1 + g % 4], 0.8, 'negative', 'normal', case when g % 40 = 0 then 'high' else 'normal' end,
        '{"modelVersion":"bench","alternatives":[],"terms":[],"sentimentScore":0}', t, t
      from generate_series(1, ${count}) g
      cross join lateral (select '${stamp}'::timestamptz - ((g::bigint * 7919) % (60 * 24 * 60) || ' minutes')::interval as t) ts
      returning id, source_id, author_id, captured_at, priority
    )
    insert into routings (item_id, team_id, status, reason, priority, hops, acknowledge_due_at, resolve_due_at, acknowledge_at_risk_at, resolve_at_risk_at, first_action_at, created_at, updated_at)
    select id, 'support', (array['open','open','acknowledged','owned'])[1 + id % 4], '{"kind":"rule","summary":"bugs and questions"}', priority, 0,
      captured_at + interval '4 hours', captured_at + interval '3 days', captured_at + interval '3 hours', captured_at + interval '54 hours',
      case when id % 4 >= 2 then captured_at + interval '1 hour' end, captured_at, captured_at
    from made`);
  await sql.unsafe(`
    insert into voices (item_id, member_id, author_external_id, source_id, platform, channel_id, message_id, text, captured_via, posted_at, captured_at)
    select r.item_id, i.author_id, 'ext' || i.author_id, i.source_id, 'discord', 'bench', 'open-' || r.item_id, i.text, 'message', i.captured_at, i.captured_at
    from routings r join feedback_items i on i.id = r.item_id where r.team_id = 'support' and r.status in ('open', 'acknowledged', 'owned')`);
  await sql.unsafe(`
    insert into actions (item_id, routing_id, team_id, kind, via, actor_platform, actor_id, actor_name, from_status, to_status, created_at)
    select item_id, id, team_id, case when status = 'owned' then 'own' else 'acknowledge' end, 'button', 'console', case when id % 8 < 4 then 'sam' else 'jo' end, 'Sam', 'open', status, first_action_at
    from routings where team_id = 'support' and status in ('acknowledged', 'owned')`);
  await sql.unsafe('vacuum analyze');
}
