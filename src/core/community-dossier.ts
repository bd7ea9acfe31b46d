import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { userKey } from '../config/refs.js';
import { communityHistory, type CommunityHistory } from './community-history.js';
import type { Context } from './context.js';
import { dossierQuarters, openItemIds, relationshipFigures, type CommunityFigures } from './dossier/relationship-figures.js';
import { DomainError } from './errors.js';
import type { ListedItem } from './impact/list-filtered-items.js';
import { loadListedItems } from './items/listed-items.js';
import { parseInput } from './parse-input.js';

export const CommunityDossierInput = z.object({ community: z.string().min(1), recent: z.number().int().min(1).max(200).default(20) });
export type CommunityDossierInput = z.input<typeof CommunityDossierInput>;

export interface CommunityDossier {
  community: { id: string; name: string; ambassador: { platform: string; id: string } | null; sources: number };
  since: Date;
  /** Over the last quarters: what this community raised, which teams answered, how fast. */
  figures: CommunityFigures | null;
  open: { total: number; items: ListedItem[] };
  /** The members who raised the most in the same quarters. */
  voices: { id: number; name: string; items: number }[];
  /** All-time totals and the latest items (communityHistory's). */
  history: Pick<CommunityHistory, 'totals' | 'items'>;
}

/** A community's relationship with the company, the "country desk" view. */
export async function communityDossier(ctx: Context, raw: CommunityDossierInput): Promise<CommunityDossier> {
  const input = parseInput(CommunityDossierInput, raw);
  const config = ctx.config.communities[input.community];
  if (!config) throw new DomainError('not_found', { reason: 'unknown_community', details: { community: input.community, field: 'community', given: input.community } });
  const history = await communityHistory(ctx, { community: input.community, limit: input.recent });
  const mine = sql`i.community_id = ${input.community}`;
  const quarters = dossierQuarters(ctx.clock.now(), ctx.config.timezone);
  const [figures] = await relationshipFigures(ctx.db, ctx.config, mine, quarters);
  const open = await openItemIds(ctx.db, mine, 20);
  const voices = await ctx.db.execute<{ id: number; name: string; items: number }>(sql`
    select m.id, m.display_name as name, count(distinct i.id)::int as items from feedback_items i join voices v on v.item_id = i.id join members m on m.id = v.member_id
    where ${mine} and i.merged_into_id is null and i.captured_at >= ${quarters.since.toISOString()}
    group by m.id, m.display_name order by items desc, m.id limit 10`);
  return {
    community: { id: input.community, name: config.name ?? input.community, ambassador: config.ambassador ? userKey(config.ambassador) : null, sources: config.sources.length },
    since: quarters.since,
    figures: figures ?? null,
    open: { total: open.total, items: await loadListedItems(ctx.db, ctx.config, open.ids) },
    voices: voices.map((v) => ({ id: Number(v.id), name: v.name, items: Number(v.items) })),
    history: { totals: history.totals, items: history.items },
  };
}
