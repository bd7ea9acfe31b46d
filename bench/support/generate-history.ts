import type postgres from 'postgres';

/**
 * Fills the database with two years of history in SQL (generate_series): `items` feedback items spread evenly over
 * 104 weeks, a routing each (a fifth get a second team), and capture, acknowledge, own, resolve, decline and pass-on
 * actions, slightly more than `actions` of them, of which the newest (in the current, unreported week) are cut.
 */
export async function generateHistory(sql: postgres.Sql, options: { items: number; actions: number; members: number; now: Date }): Promise<void> {
  const { items, actions, members } = options;
  const now = options.now.toISOString();
  const sources = await sql<{ id: number; community_id: string }[]>`select id, community_id from sources order by id`;
  // Bulk load: building indexes once afterwards is far quicker than maintaining them row by row.
  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
    where schemaname = 'public' and tablename in ('feedback_items', 'routings', 'actions', 'members') and indexname not like '%_pkey'`;
  for (const index of indexes) await sql.unsafe(`drop index ${index.indexname}`);
  // Nothing is cached yet, so the report-change triggers would only check the horizon three million times.
  // (All of the tables' own triggers, whatever their names: migration 0013 split them into per-row and per-statement.)
  const reportingTables = ['feedback_items', 'routings', 'actions'];
  for (const table of reportingTables) await sql.unsafe(`alter table ${table} disable trigger user`);
  const pick = (column: string[]) => `(array[${column.map((v) => `'${v}'`).join(',')}])[1 + g % ${sources.length}]`;
  await sql.unsafe(`insert into members (display_name) select 'member ' || g from generate_series(1, ${members}) g`);
  await sql.unsafe(`
    insert into feedback_items (community_id, source_id, author_id, text, category, category_confidence, sentiment, urgency, classification, posted_at, captured_at)
    select ${pick(sources.map((s) => s.community_id))}, ${pick(sources.map((s) => String(s.id)))}::int, 1 + (g::bigint * 7919) % ${members}, 'generated feedback ' || g,
      (array['bug','feature_request','question','praise','complaint','sales_lead','churn_risk'])[1 + g % 7], 0.8,
      (array['negative','neutral','positive'])[1 + g % 3], 'normal', '{"modelVersion":"bench","alternatives":[],"terms":[],"sentimentScore":0}',
      t, t
    from generate_series(1, ${items}) g
    -- In time order, as real captures arrive, with a little jitter.
    cross join lateral (select '${now}'::timestamptz - interval '728 days' + (g::float8 / ${items}) * interval '728 days' + ((g::bigint * 7919) % 90 || ' minutes')::interval as t) ts
`);
  // Routings: one per item, a second team for every fifth. Times follow the item; 80% get a response, 60% resolved.
  await sql.unsafe(`
    insert into routings (item_id, team_id, status, reason, hops, acknowledge_due_at, resolve_due_at, first_action_at, resolved_at, closed_at, created_at, updated_at)
    select i.id, t.team, s.status, '{"kind":"rule","summary":"generated"}', 0,
      i.captured_at + interval '4 hours', i.captured_at + interval '3 days',
      case when s.status <> 'open' then i.captured_at + ((i.id % 600) || ' minutes')::interval end,
      case when s.status = 'resolved' then i.captured_at + ((i.id % 5000) || ' minutes')::interval end,
      case when s.status in ('resolved', 'declined', 'passed_on') then i.captured_at + ((i.id % 5000) || ' minutes')::interval end,
      i.captured_at, i.captured_at
    from feedback_items i
    cross join lateral (select unnest(case when i.id % 5 = 0 then array['product','support'] else array[(array['product','support','sales'])[1 + i.id % 3]] end) as team) t
    cross join lateral (select (array['resolved','resolved','resolved','acknowledged','open','declined','resolved','owned','passed_on','resolved'])[1 + (i.id / 3) % 10] as status) s`);
  await sql.unsafe(`
    insert into actions (item_id, routing_id, team_id, kind, via, actor_platform, actor_id, actor_name, to_team_id, created_at)
    select item_id, routing_id, team_id, kind, 'button', 'slack', 'U' || coalesce(routing_id % 40, 0), 'employee ' || coalesce(routing_id % 40, 0), to_team, at from (
      select i.id as item_id, null::bigint as routing_id, null as team_id, 'capture' as kind, null as to_team, i.captured_at as at, 1 as n from feedback_items i
      union all select r.item_id, r.id, r.team_id, 'acknowledge', null, r.first_action_at, 2 from routings r where r.first_action_at is not null and r.status <> 'passed_on'
      union all select r.item_id, r.id, r.team_id, 'own', null, r.first_action_at + interval '5 minutes', 2 from routings r where r.status = 'owned' or (r.status = 'resolved' and r.id % 7 = 0)
      union all select r.item_id, r.id, r.team_id, 'resolve', null, r.resolved_at, 3 from routings r where r.status = 'resolved'
      union all select r.item_id, r.id, r.team_id, 'decline', null, r.closed_at, 3 from routings r where r.status = 'declined'
      union all select r.item_id, r.id, r.team_id, 'pass_on', case when r.team_id = 'sales' then 'product' else 'sales' end, r.first_action_at, 2 from routings r where r.status = 'passed_on'
    ) a order by at limit ${actions}`);
  for (const index of indexes) await sql.unsafe(index.indexdef);
  for (const table of reportingTables) await sql.unsafe(`alter table ${table} enable trigger user`);
  await sql.unsafe('vacuum analyze');
}
