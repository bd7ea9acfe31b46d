import { z } from 'zod';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';
import { loadAttention, needsAttention } from './sla/attention.js';
import type { SlaStatus } from './sla/sla-status.js';

export const ListSlaAttentionInput = z.object({
  /** The teams to show (an App Home shows the viewer's teams); every team when omitted. */
  teams: z.array(z.string()).optional(),
});
export type ListSlaAttentionInput = z.input<typeof ListSlaAttentionInput>;

export interface SlaAttention {
  team: string;
  teamName: string;
  items: { itemId: number; routingId: number; excerpt: string; permalink: string | null; priority: string; sla: SlaStatus; snoozeReason: string | null }[];
}

/**
 * What needs an answer now, per team: at-risk and overdue routings, oldest first, snoozed ones included and marked
 * (`sla.snoozedUntil`) so that nobody wonders where they went. For App Home and `/liaison status` without an item.
 */
export async function listSlaAttention(ctx: Context, raw: ListSlaAttentionInput = {}): Promise<SlaAttention[]> {
  const input = parseInput(ListSlaAttentionInput, raw);
  const teams = input.teams ?? Object.keys(ctx.config.teams);
  for (const team of teams) if (!(team in ctx.config.teams)) throw new DomainError('not_found', `There is no team called "${team}".`);
  const now = ctx.clock.now();
  return Promise.all(
    teams.map(async (team) => ({
      team,
      teamName: ctx.config.teams[team]?.name ?? team,
      items: (await loadAttention(ctx.db, ctx.config, team, now)).filter(needsAttention).map((row) => ({
        itemId: row.routing.itemId,
        routingId: row.routing.id,
        excerpt: row.excerpt,
        permalink: row.permalink,
        priority: row.routing.priority,
        sla: row.sla,
        snoozeReason: row.sla.snoozedUntil ? row.routing.snoozeReason : null,
      })),
    })),
  );
}
