import { z } from 'zod';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { checkTeamSla, type TeamSlaCheck } from './sla/check-team-sla.js';

export const CheckSlasInput = z.object({
  /** Only these teams; every configured team when omitted. */
  teams: z.array(z.string()).optional(),
  /** Deadlines missed before this moment never climb the breach ladder: a backlog from before SLAs ran is not news. */
  ladderSince: z.coerce.date().optional(),
  /** Routings read per page (the pass holds one page at a time); WATCH_PAGE_SIZE when omitted. */
  pageSize: z.number().int().min(1).max(5000).optional(),
});
export type CheckSlasInput = z.input<typeof CheckSlasInput>;

/**
 * The SLA pass the scheduler runs every minute: for each team, record which routings turned at risk or breached,
 * climb the breach ladder and send the team's reminder for the current window. Everything it decides comes from
 * the database and the clock, so a missed tick, a restart or a second instance neither skips nor repeats anything,
 * and it reads routings a page at a time, so a team with a hundred thousand overdue routings costs no more memory.
 */
export async function checkSlas(ctx: Context, raw: CheckSlasInput = {}): Promise<TeamSlaCheck[]> {
  const input = parseInput(CheckSlasInput, raw);
  const teams = input.teams ?? Object.keys(ctx.config.teams);
  for (const team of teams) if (!(team in ctx.config.teams)) throw new DomainError('not_found', { reason: 'unknown_team', details: { team } });
  const results: TeamSlaCheck[] = [];
  // One team at a time: a failure in one team's pass is logged and the others still run.
  for (const team of teams) {
    try {
      results.push(await checkTeamSla(ctx, team, { ladderSince: input.ladderSince, pageSize: input.pageSize }));
    } catch (error) {
      ctx.logger.error({ team, err: error }, 'sla check failed for a team; it runs again on the next tick');
    }
  }
  return results;
}
