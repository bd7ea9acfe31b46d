import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { actions } from '../../db/schema/index.js';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Context } from '../context.js';
import type { WatchedRow } from './attention.js';
import type { LadderFired } from './ladder-messages.js';
import { dueLadderSteps, ladderKeyPrefix, type LadderStep } from './ladder-plan.js';
import { teamCalendar } from './sla-policy.js';

/**
 * Climbs the breach ladder for a team's overdue routings: each step once per missed deadline, recorded in the ledger,
 * spaced by business-time delays, paused while snoozed, and stopped for good once a person acts on the routing.
 * Called once per page of a pass; the pass sends the steps' messages (`enqueueLadderMessages`) once all pages are done.
 */
export async function climbLadder(tx: Tx, ctx: Context, team: string, rows: WatchedRow[], now: Date, window: string): Promise<LadderFired[]> {
  const breached = rows.filter((row) => row.sla.state === 'breached' && !row.sla.snoozedUntil && row.sla.dueAt && row.sla.target);
  if (breached.length === 0) return [];
  const history = await tx
    .select({ routingId: actions.routingId, kind: actions.kind, key: actions.idempotencyKey, createdAt: actions.createdAt })
    .from(actions)
    .where(and(sql`${actions.routingId} = any(${`{${breached.map((row) => row.routing.id).join(',')}}`}::bigint[])`, or(eq(actions.kind, 'sla_ladder'), ne(actions.via, 'system'))));
  const calendar = teamCalendar(ctx.config, team);
  const fired: LadderFired[] = [];
  for (const row of breached) {
    const dueAt = row.sla.dueAt as Date;
    const target = row.sla.target as string;
    const mine = history.filter((h) => h.routingId === row.routing.id);
    if (mine.some((h) => h.kind !== 'sla_ladder' && h.createdAt > dueAt)) continue;
    const prefix = ladderKeyPrefix(row.routing.id, target, dueAt);
    const done = new Map(mine.filter((h) => h.key?.startsWith(prefix)).map((h) => [(h.key as string).slice(prefix.length), h.createdAt]));
    const steps = dueLadderSteps({ dueAt, done, applicable: applicableSteps(ctx, team, row), delays: ctx.config.sla.ladder, calendar, now });
    for (const step of steps) {
      const [action] = await tx
        .insert(actions)
        .values({
          itemId: row.routing.itemId, routingId: row.routing.id, teamId: team, kind: 'sla_ladder', via: 'system',
          actorPlatform: SYSTEM_ACTOR.platform, actorId: SYSTEM_ACTOR.id, actorName: SYSTEM_ACTOR.name,
          reason: `${target === 'acknowledge' ? 'first answer' : 'resolution'} overdue: ${TOLD[step]}`, data: { step, target, dueAt: dueAt.toISOString(), window },
          idempotencyKey: `${prefix}${step}`, createdAt: now,
        })
        .onConflictDoNothing({ target: actions.idempotencyKey, where: sql`idempotency_key is not null` })
        .returning({ id: actions.id });
      if (!action) break;
      fired.push({ step, row, actionId: action.id });
    }
  }
  if (fired.length > 0) ctx.logger.info({ team, steps: fired.map((f) => `${f.row.routing.id}:${f.step}`) }, 'sla ladder climbed');
  return fired;
}

/** What the ledger says each step did, as histories show it. */
const TOLD: Record<LadderStep, string> = {
  team: "told the team's channel",
  oncall: "paged the team's on-call",
  ambassador: "told the community's ambassador",
  leadership: 'listed for leadership in the digest',
};

function applicableSteps(ctx: Context, team: string, row: WatchedRow): Set<LadderStep> {
  const steps = new Set<LadderStep>(['team']);
  if (ctx.config.teams[team]?.oncall) steps.add('oncall');
  if (ctx.config.communities[row.communityId]?.ambassador) steps.add('ambassador');
  if (ctx.config.digests.leadership) steps.add('leadership');
  return steps;
}
