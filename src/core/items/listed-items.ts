import { sql } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { excerpt } from '../inert-text.js';
import type { ListedItem } from '../impact/list-filtered-items.js';

/** One line per item for a list (search results, a dossier's open items), in the order of `ids`, in two queries. */
export async function loadListedItems(db: DbOrTx, config: LiaisonConfig, ids: number[]): Promise<ListedItem[]> {
  if (ids.length === 0) return [];
  const array = sql`${`{${ids.join(',')}}`}::bigint[]`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select id, title, left(text, 400) as text, community_id, category, sentiment, captured_at, permalink from feedback_items where id = any(${array})`);
  const routingRows = await db.execute<Record<string, unknown>>(sql`
    select item_id, team_id, status from routings where item_id = any(${array}) and status <> 'merged' order by created_at, id`);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const community = String(r.community_id);
    return [{
      id,
      title: (r.title as string | null) ?? null,
      excerpt: excerpt(String(r.text), 200),
      community: { id: community, name: config.communities[community]?.name ?? community },
      category: String(r.category),
      sentiment: String(r.sentiment),
      capturedAt: new Date(r.captured_at as string),
      permalink: (r.permalink as string | null) ?? null,
      routings: routingRows.filter((x) => Number(x.item_id) === id).map((x) => ({ team: String(x.team_id), name: config.teams[String(x.team_id)]?.name ?? String(x.team_id), status: String(x.status) })),
    }];
  });
}
