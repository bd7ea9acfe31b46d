import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { Db, Tx } from '../../db/client.js';
import type { DeliveryPlatform } from '../../db/schema/delivery.js';
import { teamHome } from '../outbox.js';
import { CardBurstPayload } from './card-burst.js';

/** Condensing is serialised across workers, so that two never combine the same cards. */
const CONDENSE_LOCK = 0x6c7a_6275; // "lzbu"

export interface CondensedBurst { team: string; burstId: number; cards: number }

interface WaitingCount { platform: DeliveryPlatform; channel_id: string; team_id: string; waiting: number | string }
interface WaitingCard { id: number | string; routing_id: number | string; created_at: Date | string; next_attempt_at: Date | string }

/**
 * Combines a team's burst of new cards: when more of them wait for its channel than the team's threshold (a minute of
 * the platform's pace), one combined card is queued in their place, first in the channel's order, and each card
 * becomes a reply in its thread. The cards stay what they were (same rows, keys and routings), so buttons,
 * reactions, updates and thread logs find them as before, and the web app lists every item as usual.
 *
 * Only cards never tried are taken (one that was tried may already be in the channel). `platforms`: the ones whose
 * channels are paced in this process (a console standing in for a platform shows every card at once).
 */
export async function condenseBursts(db: Db, config: LiaisonConfig, now: Date, platforms: DeliveryPlatform[]): Promise<CondensedBurst[]> {
  if (platforms.length === 0) return [];
  await releaseCardsOfFailedBursts(db);
  const counts = await db.execute<WaitingCount & Record<string, unknown>>(sql`
    select d.platform, d.channel_id, r.team_id, count(*) as waiting
    from deliveries d join routings r on r.id = d.routing_id
    where d.status = 'pending' and d.kind = 'card' and d.parent_id is null and d.attempts = 0 and d.next_attempt_at <= ${now.toISOString()}
      and d.platform = any(${sql.param(platforms)}::text[])
    group by d.platform, d.channel_id, r.team_id`);
  if (counts.length === 0) return [];
  const open = new Set((await db.execute<{ team: string; platform: string; channel_id: string }>(sql`
    select payload->>'team' as team, platform, channel_id from deliveries where kind = 'card_burst' and status = 'pending'`)).map((b) => `${b.team}:${b.platform}:${b.channel_id}`));
  const bursts: CondensedBurst[] = [];
  for (const count of counts) {
    const team = config.teams[count.team_id];
    if (!team?.condense.enabled) continue;
    // While a combined card still waits to be posted, new cards join it: the channel gets one card for the burst.
    const joining = open.has(`${count.team_id}:${count.platform}:${count.channel_id}`);
    if (!joining && Number(count.waiting) <= team.condense.threshold) continue;
    const home = teamHome(config, count.team_id);
    if (home.platform !== count.platform || home.channelId !== count.channel_id) continue;
    const burst = await condenseOne(db, count.team_id, home, joining ? 0 : team.condense.threshold, now);
    if (burst) bursts.push(burst);
  }
  return bursts;
}

async function condenseOne(db: Db, team: string, home: { platform: DeliveryPlatform; channelId: string }, threshold: number, now: Date): Promise<CondensedBurst | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CONDENSE_LOCK})`);
    // Cards a worker is claiming right now are skipped: they go out as single cards.
    const cards = await tx.execute<WaitingCard & Record<string, unknown>>(sql`
      select d.id, d.routing_id, d.created_at, d.next_attempt_at
      from deliveries d join routings r on r.id = d.routing_id
      where d.status = 'pending' and d.kind = 'card' and d.parent_id is null and d.attempts = 0 and d.next_attempt_at <= ${now.toISOString()}
        and d.platform = ${home.platform} and d.channel_id = ${home.channelId} and r.team_id = ${team}
      order by d.next_attempt_at, d.id
      for update of d skip locked`);
    if (cards.length === 0 || cards.length <= threshold) return undefined;
    const burstId = (await joinWaitingBurst(tx, team, home, cards)) ?? (await queueBurst(tx, team, home, cards, now));
    if (burstId === undefined) return undefined;
    const ids = cards.map((c) => Number(c.id));
    await tx.execute(sql`update deliveries set parent_id = ${burstId} where id = any(${sql.param(ids)}::bigint[])`);
    return { team, burstId, cards: ids.length };
  });
}

/** A combined card not yet claimed takes the new cards in: it is drawn from its list when it is posted. */
async function joinWaitingBurst(tx: Tx, team: string, home: { platform: DeliveryPlatform; channelId: string }, cards: WaitingCard[]): Promise<number | undefined> {
  const [open] = await tx.execute<{ id: number | string; payload: unknown }>(sql`
    select id, payload from deliveries
    where kind = 'card_burst' and status = 'pending' and platform = ${home.platform} and channel_id = ${home.channelId} and payload->>'team' = ${team}
    order by id desc limit 1
    for update skip locked`);
  if (!open) return undefined;
  const stored = CardBurstPayload.parse(open.payload);
  const payload: CardBurstPayload = { ...stored, routingIds: [...stored.routingIds, ...cards.map((c) => Number(c.routing_id))] };
  await tx.execute(sql`update deliveries set payload = ${JSON.stringify(payload)}::jsonb where id = ${Number(open.id)}`);
  return Number(open.id);
}

async function queueBurst(tx: Tx, team: string, home: { platform: DeliveryPlatform; channelId: string }, cards: WaitingCard[], now: Date): Promise<number | undefined> {
  const first = cards[0] as WaitingCard;
  const since = new Date(Math.min(...cards.map((c) => new Date(c.created_at).getTime())));
  const payload: CardBurstPayload = { team, since: since.toISOString(), routingIds: cards.map((c) => Number(c.routing_id)) };
  const [burst] = await tx.execute<{ id: number | string }>(sql`
    insert into deliveries (key, kind, platform, channel_id, payload, next_attempt_at, created_at)
    values (${`card_burst:${team}:${first.id}`}, 'card_burst', ${home.platform}, ${home.channelId}, ${JSON.stringify(payload)}::jsonb, ${new Date(first.next_attempt_at).toISOString()}, ${now.toISOString()})
    on conflict (key) do nothing
    returning id`);
  return burst ? Number(burst.id) : undefined;
}

/** A combined card that could not be posted must not take its items' cards with it: they go back to the channel. */
async function releaseCardsOfFailedBursts(db: Db): Promise<void> {
  await db.execute(sql`
    update deliveries d set parent_id = null
    from deliveries b
    where d.parent_id = b.id and b.kind = 'card_burst' and b.status in ('failed', 'skipped') and d.status = 'pending'`);
}
