import { sql } from 'drizzle-orm';
import type { ClassificationDetail } from '../../db/schema/feedback.js';
import type { RoutingReason } from '../../db/schema/routing.js';
import type { Db } from '../../db/client.js';

export interface CaptureRow {
  source: { id: number; communityId: string };
  author: { platform: string; id: string; name: string };
  message: { platform: string; channelId: string; id: string; threadId?: string; title?: string; text: string; permalink?: string; postedAt: Date };
  via: string;
  capturedBy?: string;
  classification: { category: string; confidence: number; sentiment: string; urgency: string; detail: ClassificationDetail };
  ledger: { via: 'command' | 'system'; actor: { platform: string; id: string; name: string }; note?: string };
  /** Each team with its reason, SLA due times and home channel (where its card goes). */
  plan: { team: string; reason: RoutingReason; ack_due: string | null; resolve_due: string | null; ack_risk: string | null; resolve_risk: string | null; home_platform: string; home_channel: string }[];
  now: Date;
}

export type CaptureInsert = { created: true; itemId: number; routings: { id: number; team: string }[] } | { created: false };

/**
 * Stores a capture in ONE statement (data-modifying CTEs): the author, the voice, the item, its ledger entry, its
 * routings and their cards. One round trip instead of ten is what makes capture fast (`npm run bench -- capture`).
 * The voice goes first because it carries the unique source key: when the message was already captured it inserts
 * nothing, and so neither does anything after it. Foreign keys are checked at the end of the statement, which is
 * why the voice may name an item inserted after it.
 */
export async function insertCapture(db: Db, row: CaptureRow): Promise<CaptureInsert> {
  const { author, message: m, source, classification: c, now } = row;
  const at = now.toISOString();
  const result = await db.execute<{ item_id: string | null; routings: { id: number; team: string }[] }>(sql`
    with author_existing as (
      update member_identities set display_name = ${author.name}
      where platform = ${author.platform} and external_id = ${author.id}
      returning member_id
    ), author_new as (
      insert into members (display_name)
      select ${author.name}
      where not exists (select 1 from author_existing)
        and not exists (select 1 from voices where platform = ${m.platform} and channel_id = ${m.channelId} and message_id = ${m.id})
      returning id
    ), author_linked as (
      insert into member_identities (member_id, platform, external_id, display_name)
      select id, ${author.platform}, ${author.id}, ${author.name} from author_new
      on conflict (platform, external_id) do nothing
      returning member_id
    ), author as (
      select member_id from author_existing union all select member_id from author_linked limit 1
    ), voice as (
      insert into voices (item_id, member_id, author_external_id, source_id, platform, channel_id, message_id, thread_id, text, permalink, captured_via, captured_by, posted_at, captured_at)
      select nextval(pg_get_serial_sequence('feedback_items', 'id')), (select member_id from author), ${author.id}, ${source.id}, ${m.platform}, ${m.channelId}, ${m.id},
        ${m.threadId ?? null}, ${m.text}, ${m.permalink ?? null}, ${row.via}, ${row.capturedBy ?? null}, ${m.postedAt.toISOString()}, ${at}
      on conflict (platform, channel_id, message_id) do nothing
      returning item_id, member_id
    ), item as (
      insert into feedback_items (id, community_id, source_id, author_id, title, text, category, category_confidence, sentiment, urgency, classification, permalink, posted_at, captured_at)
      select item_id, ${source.communityId}, ${source.id}, member_id, ${m.title ?? null}, ${m.text}, ${c.category}, ${c.confidence}, ${c.sentiment}, ${c.urgency},
        ${JSON.stringify(c.detail)}::jsonb, ${m.permalink ?? null}, ${m.postedAt.toISOString()}, ${at}
      from voice
      returning id
    ), ledger as (
      insert into actions (item_id, kind, via, actor_platform, actor_id, actor_name, reason, data, created_at)
      select id, 'capture', ${row.ledger.via}, ${row.ledger.actor.platform}, ${row.ledger.actor.id}, ${row.ledger.actor.name}, ${row.ledger.note ?? null},
        ${JSON.stringify({ via: row.via })}::jsonb, ${at}
      from item
    ), plan as (
      select * from jsonb_to_recordset(${JSON.stringify(row.plan)}::jsonb)
        as p(team text, reason jsonb, ack_due timestamptz, resolve_due timestamptz, ack_risk timestamptz, resolve_risk timestamptz, home_platform text, home_channel text)
    ), routed as (
      insert into routings (item_id, team_id, reason, acknowledge_due_at, resolve_due_at, acknowledge_at_risk_at, resolve_at_risk_at, created_at, updated_at)
      select item.id, plan.team, plan.reason, plan.ack_due, plan.resolve_due, plan.ack_risk, plan.resolve_risk, ${at}, ${at} from item cross join plan
      returning id, team_id, item_id
    ), cards as (
      insert into deliveries (key, kind, platform, channel_id, item_id, routing_id, payload, next_attempt_at, created_at)
      select 'card:routing:' || routed.id, 'card', plan.home_platform, plan.home_channel, routed.item_id, routed.id, '{}'::jsonb, ${at}, ${at}
      from routed join plan on plan.team = routed.team_id
    )
    select (select id from item) as item_id,
      coalesce((select json_agg(json_build_object('id', id, 'team', team_id) order by id) from routed), '[]'::json) as routings`);
  const [first] = result;
  if (!first?.item_id) return { created: false };
  return { created: true, itemId: Number(first.item_id), routings: first.routings.map((r) => ({ id: Number(r.id), team: r.team })) };
}
