import type { ClassificationDetail } from '../../db/schema/feedback.js';
import type { RoutingReason } from '../../db/schema/routing.js';
import type { Db } from '../../db/client.js';

export interface CaptureRow {
  source: { id: number; communityId: string };
  author: { platform: string; id: string; name: string };
  message: { platform: string; channelId: string; id: string; threadId?: string; title?: string; text: string; tags?: string[]; permalink?: string; postedAt: Date };
  via: string;
  capturedBy?: string;
  classification: { category: string; confidence: number; sentiment: string; urgency: string; detail: ClassificationDetail };
  ledger: { via: 'command' | 'web' | 'system'; actor: { platform: string; id: string; name: string }; note?: string };
  /** Each team with its reason, SLA due and at-risk times and home channel (where its card goes). */
  plan: { team: string; reason: RoutingReason; ack_due: string | null; resolve_due: string | null; ack_risk: string | null; resolve_risk: string | null; home_platform: string; home_channel: string }[];
  now: Date;
}

export type CaptureInsert = { created: true; itemId: number; routings: { id: number; team: string }[] } | { created: false };

/**
 * Stores a batch of captures in ONE statement (data-modifying CTEs): their authors, voices, items, ledger entries,
 * routings and cards. One round trip and one commit for the whole batch, however many captures it holds; sent as a
 * named prepared statement (its single parameter is the batch as JSON), so PostgreSQL plans it once per connection.
 * This is what makes capture fast (`npm run bench -- capture`); one capture alone is a batch of one.
 *
 * Each capture gets its item ID up front (in batch order), so every row it inserts is tied to it and to nothing
 * else of the batch, by that ID alone.
 * The voice goes first because it carries the unique source key: a message already captured (before, or earlier in
 * the same batch) inserts no voice, and so nothing after it. A voice names an item inserted after it in the same
 * statement, which is what guarantees that row: voices, routings and the ledger have no foreign key to items (nor
 * voices and items to members) since migration 0013, nor voices to sources (the item's source is checked) and
 * items to communities (the community is the source's) since 0014, nor items to sources and routings to teams
 * since 0016 (the statement looks them up itself, see `item` and `plan`). A message sent again under another author
 * identity (a new email, a changed name) creates no member: the voice row it would conflict with lends its member.
 * An author seen again under a new name is renamed, so histories and cards show the name people know now; an
 * unchanged name writes nothing.
 */
/**
 * A capture's values as the statement reads them, in the order each capture's JSON array lists them. Arrays rather
 * than objects: reading the batch was a fifth of what the database spent per capture in a batch of 64 (parsing
 * every key of every capture into jsonb, then matching keys to columns); by position it parses a third less text
 * and takes each value straight from its offset.
 */
const FIELDS = [
  ['n', 'int'], ['author_platform', 'text'], ['author_id', 'text'], ['author_name', 'text'], ['platform', 'text'], ['channel_id', 'text'],
  ['message_id', 'text'], ['source_id', 'int'], ['thread_id', 'text'], ['text', 'text'], ['permalink', 'text'], ['via', 'text'],
  ['captured_by', 'text'], ['posted_at', 'timestamptz'], ['captured_at', 'timestamptz'], ['community_id', 'text'], ['title', 'text'],
  ['tags', 'text[]'], ['category', 'text'], ['confidence', 'real'], ['sentiment', 'text'], ['urgency', 'text'], ['classification', 'jsonb'],
  ['ledger_via', 'text'], ['actor_platform', 'text'], ['actor_id', 'text'], ['actor_name', 'text'], ['note', 'text'], ['data', 'jsonb'],
  ['plan', 'jsonb'],
] as const;
type Field = (typeof FIELDS)[number][0];
/** The names of the positions in a capture's array, for whoever reads the statement's parameter (test doubles). */
export const CAPTURE_FIELDS: readonly Field[] = FIELDS.map(([name]) => name);

/** The column `name` of capture `e` (a JSON array), from position `i`; tags are seldom given, so mostly no subquery. */
function fieldSql([name, type]: (typeof FIELDS)[number], i: number): string {
  if (type === 'jsonb') return `e->${i} as ${name}`;
  if (type === 'text[]') return `case when e->${i} = '[]' then '{}'::text[] else array(select jsonb_array_elements_text(e->${i})) end as ${name}`;
  return type === 'text' ? `e->>${i} as ${name}` : `(e->>${i})::${type} as ${name}`;
}

const CAPTURE_MANY = `
  with x as materialized (
    -- Whether the message is stored already: one probe of the source key per capture, as a subquery (with LIMIT) that
    -- cannot become a join or a hashed subplan (the generic plan, which expects a hundred captures, hashed the whole of voices for every
    -- batch to answer the same question: most of what a capture cost the database once voices held 20,000 rows).
    select x.*, nextval('feedback_items_id_seq') as item_id,
      (select true from voices v where v.platform = x.platform and v.channel_id = x.channel_id and v.message_id = x.message_id limit 1) is not null as stored
    from (
      select ${FIELDS.map(fieldSql).join(', ')} from jsonb_array_elements($1::jsonb) e
      order by n) x
  ), authors as materialized (
    -- Each author once, under the name of their latest capture in the batch.
    select distinct on (author_platform, author_id) author_platform, author_id, author_name from x order by author_platform, author_id, n desc
  ), author_known as materialized (
    -- One index lookup per author: planned as a join, the generic plan (which expects a hundred authors) read the
    -- whole of member_identities for every batch.
    select k.member_id, a.author_platform as platform, a.author_id as external_id, k.display_name, a.author_name,
      (select m.display_name from members m where m.id = k.member_id) as member_name
    from authors a cross join lateral (
      select mi.member_id, mi.display_name from member_identities mi where mi.platform = a.author_platform and mi.external_id = a.author_id limit 1) k
  ), renaming as materialized (
    -- Only the authors whose name changed reach the two updates below: with none (the usual batch), their joins
    -- have nothing to hash and read neither table.
    select * from author_known k
    where k.display_name is distinct from k.author_name or (k.member_name is distinct from k.author_name and k.author_name <> k.external_id)
  ), identity_renamed as (
    update member_identities mi set display_name = k.author_name from renaming k
    where mi.platform = k.platform and mi.external_id = k.external_id and mi.display_name is distinct from k.author_name
  ), author_renamed as (
    -- People change their display name: the member takes the latest one seen (never a bare ID, the fallback when a
    -- platform would not say).
    update members m set display_name = k.author_name from renaming k
    where m.id = k.member_id and m.display_name is distinct from k.author_name and k.author_name <> k.external_id
  ), author_new as materialized (
    select nextval('members_id_seq') as member_id, a.author_platform, a.author_id, a.author_name
    from authors a
    where not exists (select 1 from author_known k where k.platform = a.author_platform and k.external_id = a.author_id)
      and exists (select 1 from x where x.author_platform = a.author_platform and x.author_id = a.author_id and not x.stored)
  ), author_linked as (
    -- A concurrent capture may be creating the same author: its identity wins, and its member is returned (DO UPDATE
    -- sees and locks the row it committed, where DO NOTHING would return nothing and leave the voice without one).
    insert into member_identities (member_id, platform, external_id, display_name)
    select member_id, author_platform, author_id, author_name from author_new
    on conflict (platform, external_id) do update set display_name = excluded.display_name
    returning member_id, platform, external_id
  ), member_new as (
    -- Only the members whose identity this statement inserted (the other side of a race made its own).
    insert into members (id, display_name) select n.member_id, n.author_name from author_new n join author_linked l on l.member_id = n.member_id
  ), author as (
    select member_id, platform, external_id from author_known union all select member_id, platform, external_id from author_linked
  ), voice as (
    insert into voices (item_id, member_id, author_external_id, source_id, platform, channel_id, message_id, thread_id, text, permalink, captured_via, captured_by, posted_at, captured_at)
    select x.item_id,
      coalesce(au.member_id, (select v.member_id from voices v where v.platform = x.platform and v.channel_id = x.channel_id and v.message_id = x.message_id)),
      x.author_id, x.source_id, x.platform, x.channel_id, x.message_id, x.thread_id, x.text, x.permalink, x.via, x.captured_by, x.posted_at, x.captured_at
    from x left join author au on au.platform = x.author_platform and au.external_id = x.author_id
    order by x.n
    on conflict (platform, channel_id, message_id) do nothing
    returning item_id, member_id
  ), item as (
    insert into feedback_items (id, community_id, source_id, author_id, title, text, tags, category, category_confidence, sentiment, urgency, classification, permalink, posted_at, captured_at)
    -- The source looked up here rather than checked by a foreign key (migration 0016): an unknown one leaves the
    -- column null, which NOT NULL refuses, and the whole statement with it.
    select voice.item_id, x.community_id, (select s.id from sources s where s.id = x.source_id), voice.member_id, x.title, x.text, coalesce(x.tags, '{}'), x.category, x.confidence, x.sentiment, x.urgency, x.classification, x.permalink, x.posted_at, x.captured_at
    from voice join x on x.item_id = voice.item_id
    order by x.n
    returning id
  ), ledger as (
    insert into actions (item_id, kind, via, actor_platform, actor_id, actor_name, reason, data, created_at)
    select item.id, 'capture', x.ledger_via, x.actor_platform, x.actor_id, x.actor_name, x.note, x.data, x.captured_at
    from item join x on x.item_id = item.id
    order by x.n
  ), plan as (
    -- Each team looked up once (migration 0016 dropped the foreign key that checked every routing with a query and
    -- a row lock): a team the config names but the database does not know (its sync has not run) gives no team_id,
    -- and the routing's NOT NULL refuses the statement.
    select x.item_id, x.captured_at, p.*, (select t.id from teams t where t.id = p.team) as team_id
    from x
    cross join lateral rows from (jsonb_to_recordset(x.plan) as (team text, reason jsonb, ack_due timestamptz, resolve_due timestamptz,
      ack_risk timestamptz, resolve_risk timestamptz, home_platform text, home_channel text)) with ordinality as p(team, reason, ack_due, resolve_due,
      ack_risk, resolve_risk, home_platform, home_channel, k)
  ), routed as (
    insert into routings (item_id, team_id, reason, acknowledge_due_at, resolve_due_at, acknowledge_at_risk_at, resolve_at_risk_at, created_at, updated_at)
    select item.id, plan.team_id, plan.reason, plan.ack_due, plan.resolve_due, plan.ack_risk, plan.resolve_risk, plan.captured_at, plan.captured_at
    from item join plan on plan.item_id = item.id
    order by item.id, plan.k
    returning id, team_id, item_id
  ), cards as (
    insert into deliveries (key, kind, platform, channel_id, item_id, routing_id, payload, next_attempt_at, created_at)
    select 'card:routing:' || routed.id, 'card', plan.home_platform, plan.home_channel, routed.item_id, routed.id, '{}'::jsonb, plan.captured_at, plan.captured_at
    from routed join plan on plan.item_id = routed.item_id and plan.team = routed.team_id
    order by routed.id
  )
  select x.n, item.id as item_id, coalesce(r.routings, '[]'::json) as routings
  from x left join item on item.id = x.item_id
    left join (select item_id, json_agg(json_build_object('id', id, 'team', team_id) order by id) as routings from routed group by item_id) r
      on r.item_id = item.id
  order by x.n`;

export async function insertCapture(db: Db, row: CaptureRow): Promise<CaptureInsert> {
  return (await insertCaptures(db.$client, [row]))[0] as CaptureInsert;
}

/** Many captures in one statement, answered in the order given; one that was already stored comes back not created. */
export async function insertCaptures(sql: Pick<Db['$client'], 'unsafe'>, rows: CaptureRow[]): Promise<CaptureInsert[]> {
  const batch = rows.map((row, n) => {
    const { author, message: m, source, classification: c, ledger } = row;
    const values: Record<Field, unknown> = {
      n, author_platform: author.platform, author_id: author.id, author_name: author.name,
      platform: m.platform, channel_id: m.channelId, message_id: m.id, source_id: source.id, thread_id: m.threadId ?? null, text: m.text,
      permalink: m.permalink ?? null, via: row.via, captured_by: row.capturedBy ?? null, posted_at: m.postedAt.toISOString(), captured_at: row.now.toISOString(),
      community_id: source.communityId, title: m.title ?? null, tags: m.tags ?? [], category: c.category, confidence: c.confidence, sentiment: c.sentiment,
      urgency: c.urgency, classification: c.detail, ledger_via: ledger.via, actor_platform: ledger.actor.platform, actor_id: ledger.actor.id,
      actor_name: ledger.actor.name, note: ledger.note ?? null, data: { via: row.via }, plan: row.plan,
    };
    return FIELDS.map(([name]) => values[name]);
  });
  const answers = await sql.unsafe<{ n: number; item_id: string | null; routings: { id: number; team: string }[] }[]>(CAPTURE_MANY, [JSON.stringify(batch)], { prepare: true });
  return answers.map((a): CaptureInsert => a.item_id === null
    ? { created: false }
    : { created: true, itemId: Number(a.item_id), routings: a.routings.map((r) => ({ id: Number(r.id), team: r.team })) });
}
