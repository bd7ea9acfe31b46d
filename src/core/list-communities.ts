import { sql } from 'drizzle-orm';
import type { Context } from './context.js';

export interface CommunitySummary { id: string; name: string; items: number; open: number; lastCapturedAt: Date | null }

/** Every configured community with how much it raised, how much a team still holds, and when it last spoke. */
export async function listCommunities(ctx: Context): Promise<CommunitySummary[]> {
  const rows = await ctx.db.execute<{ community_id: string; items: number; open: number; last: string | null }>(sql`
    select i.community_id, count(*)::int as items, max(i.captured_at) as last,
      count(*) filter (where exists (select 1 from routings r where r.item_id = i.id and r.status in ('open', 'acknowledged', 'owned')))::int as open
    from feedback_items i where i.merged_into_id is null group by i.community_id`);
  return Object.entries(ctx.config.communities).map(([id, c]) => {
    const row = rows.find((r) => r.community_id === id);
    return { id, name: c.name ?? id, items: Number(row?.items ?? 0), open: Number(row?.open ?? 0), lastCapturedAt: row?.last ? new Date(row.last) : null };
  });
}
