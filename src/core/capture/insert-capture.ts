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
 * Stores a capture in ONE statement (data-modifying CTEs): the author, the voice, the item, its ledger entry, its
 * routings and their cards. One round trip instead of ten, sent as a named prepared statement so that PostgreSQL
 * plans it once per connection: this is what makes capture fast (`npm run bench -- capture`).
 * The voice goes first because it carries the unique source key: when the message was already captured it inserts
 * nothing, and so neither does anything after it. Foreign keys are checked at the end of the statement, which is
 * why the voice may name an item inserted after it. A message sent again under another author identity (a new email,
 * a changed name) creates no member: the voice row it would conflict with lends its member, and nothing is inserted.
 * An author seen again under a new name is renamed, so histories and cards show the name people know now.
 */
const CAPTURE = `
  with author_existing as (
    update member_identities set display_name = $3 where platform = $1 and external_id = $2 returning member_id
  ), author_renamed as (
    -- People change their display name: the member takes the latest one seen (never a bare ID, the fallback when a
    -- platform would not say).
    update members set display_name = $3 where id = (select member_id from author_existing limit 1) and display_name is distinct from $3 and $3 <> $2
  ), author_new as (
    insert into members (display_name)
    select $3 where not exists (select 1 from author_existing)
      and not exists (select 1 from voices where platform = $4 and channel_id = $5 and message_id = $6)
    returning id
  ), author_linked as (
    insert into member_identities (member_id, platform, external_id, display_name)
    select id, $1, $2, $3 from author_new
    on conflict (platform, external_id) do nothing
    returning member_id
  ), author as (
    select member_id from author_existing union all select member_id from author_linked limit 1
  ), voice as (
    insert into voices (item_id, member_id, author_external_id, source_id, platform, channel_id, message_id, thread_id, text, permalink, captured_via, captured_by, posted_at, captured_at)
    select nextval(pg_get_serial_sequence('feedback_items', 'id')),
      coalesce((select member_id from author), (select member_id from voices where platform = $4 and channel_id = $5 and message_id = $6)), $2, $7, $4, $5, $6, $8, $9, $10, $11, $12, $13, $14
    on conflict (platform, channel_id, message_id) do nothing
    returning item_id, member_id
  ), item as (
    insert into feedback_items (id, community_id, source_id, author_id, title, text, tags, category, category_confidence, sentiment, urgency, classification, permalink, posted_at, captured_at)
    select item_id, $15, $7, member_id, $16, $9, $29::text[], $17, $18, $19, $20, $21::jsonb, $10, $13, $14 from voice
    returning id
  ), ledger as (
    insert into actions (item_id, kind, via, actor_platform, actor_id, actor_name, reason, data, created_at)
    select id, 'capture', $22, $23, $24, $25, $26, $27::jsonb, $14 from item
  ), plan as (
    select * from jsonb_to_recordset($28::jsonb) as p(team text, reason jsonb, ack_due timestamptz, resolve_due timestamptz,
      ack_risk timestamptz, resolve_risk timestamptz, home_platform text, home_channel text)
  ), routed as (
    insert into routings (item_id, team_id, reason, acknowledge_due_at, resolve_due_at, acknowledge_at_risk_at, resolve_at_risk_at, created_at, updated_at)
    select item.id, plan.team, plan.reason, plan.ack_due, plan.resolve_due, plan.ack_risk, plan.resolve_risk, $14, $14 from item cross join plan
    returning id, team_id, item_id
  ), cards as (
    insert into deliveries (key, kind, platform, channel_id, item_id, routing_id, payload, next_attempt_at, created_at)
    select 'card:routing:' || routed.id, 'card', plan.home_platform, plan.home_channel, routed.item_id, routed.id, '{}'::jsonb, $14, $14
    from routed join plan on plan.team = routed.team_id
  )
  select (select id from item) as item_id,
    coalesce((select json_agg(json_build_object('id', id, 'team', team_id) order by id) from routed), '[]'::json) as routings`;

export async function insertCapture(db: Db, row: CaptureRow): Promise<CaptureInsert> {
  return insertCaptureWith(db.$client, row);
}

/** The same on a postgres.js handle: the pool, or a transaction that several captures share (group commit). */
export async function insertCaptureWith(sql: Pick<Db['$client'], 'unsafe'>, row: CaptureRow): Promise<CaptureInsert> {
  const { author, message: m, source, classification: c, ledger } = row;
  const at = row.now.toISOString();
  const params = [
    author.platform, author.id, author.name, m.platform, m.channelId, m.id, source.id, m.threadId ?? null, m.text, m.permalink ?? null,
    row.via, row.capturedBy ?? null, m.postedAt.toISOString(), at, source.communityId, m.title ?? null, c.category, c.confidence, c.sentiment, c.urgency,
    JSON.stringify(c.detail), ledger.via, ledger.actor.platform, ledger.actor.id, ledger.actor.name, ledger.note ?? null, JSON.stringify({ via: row.via }), JSON.stringify(row.plan), m.tags ?? [],
  ];
  const [first] = await sql.unsafe<{ item_id: string | null; routings: { id: number; team: string }[] }[]>(CAPTURE, params, { prepare: true });
  if (!first?.item_id) return { created: false };
  return { created: true, itemId: Number(first.item_id), routings: first.routings.map((r) => ({ id: Number(r.id), team: r.team })) };
}
