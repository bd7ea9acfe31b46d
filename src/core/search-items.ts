import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from './context.js';
import type { ListedItem } from './impact/list-filtered-items.js';
import { loadListedItems } from './items/listed-items.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { parseInput } from './parse-input.js';

export const SearchItemsInput = z.object({
  q: z.string().trim().max(200, 'a search is at most 200 characters'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  /** Only items routed to these teams (what a team member may see); every item when omitted. */
  teams: z.array(z.string()).optional(),
});
export type SearchItemsInput = z.input<typeof SearchItemsInput>;

export interface MemberMatch { id: number; name: string; identities: { platform: string; id: string; name: string }[]; items: number }

export interface SearchResult {
  q: string;
  /** The query was an item number the searcher may see: go straight to it (merges followed). */
  jump?: number;
  /** The query was a number that names no item the searcher may see. */
  unknownNumber?: number;
  members: MemberMatch[];
  /** Items whose words match (stemmed, English), or spoken by a matching member; newest first. */
  items: { total: number; capped: boolean; page: number; pages: number; list: ListedItem[] };
}

const MAX_COUNTED = 1000;
const MAX_MEMBERS = 10;

/**
 * Search across items by text, member and number. Words use PostgreSQL full text search on the item's title and
 * text (the GIN index `feedback_items_search`); members match by display name or exact platform ID (an e-mail).
 */
export async function searchItems(ctx: Context, raw: SearchItemsInput): Promise<SearchResult> {
  const input = parseInput(SearchItemsInput, raw);
  const empty = { q: input.q, members: [], items: { total: 0, capped: false, page: 1, pages: 1, list: [] } };
  if (input.q === '') return empty;
  const visible = input.teams === undefined ? sql`true` : sql`exists (select 1 from routings r where r.item_id = i.id and r.team_id = any(${`{${input.teams.join(',')}}`}::text[]))`;
  const number = /^#?(\d{1,15})$/.exec(input.q);
  let unknownNumber: number | undefined;
  if (number) {
    const id = await resolveItemId(ctx.db, Number(number[1]));
    const [found] = await ctx.db.execute(sql`select 1 from feedback_items i where i.id = ${id} and ${visible}`);
    if (found) return { ...empty, jump: id };
    unknownNumber = Number(number[1]);
  }
  const members = await matchMembers(ctx, input.q);
  const memberIds = sql`${`{${members.map((m) => m.id).join(',')}}`}::bigint[]`;
  const matched = sql`
    select i.id, i.captured_at from feedback_items i
    where to_tsvector('english', coalesce(i.title, '') || ' ' || i.text) @@ websearch_to_tsquery('english', ${input.q}) and i.merged_into_id is null and ${visible}
    union
    select i.id, i.captured_at from voices v join feedback_items i on i.id = v.item_id
    where v.member_id = any(${memberIds}) and i.merged_into_id is null and ${visible}`;
  const offset = (input.page - 1) * input.pageSize;
  const [counted] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from (${matched}) m limit ${MAX_COUNTED + 1}) c`);
  const rows = await ctx.db.execute<{ id: number }>(sql`select id from (${matched}) m order by captured_at desc, id desc limit ${input.pageSize} offset ${offset}`);
  const total = Math.min(Number(counted?.n ?? 0), MAX_COUNTED);
  return {
    q: input.q,
    unknownNumber,
    members,
    items: { total, capped: Number(counted?.n ?? 0) > MAX_COUNTED, page: input.page, pages: Math.max(1, Math.ceil(total / input.pageSize)), list: await loadListedItems(ctx.db, ctx.config, rows.map((r) => Number(r.id))) },
  };
}

async function matchMembers(ctx: Context, q: string): Promise<MemberMatch[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await ctx.db.execute<{ member_id: number }>(sql`
    select distinct member_id from member_identities where display_name ilike ${pattern} or external_id = ${q} order by member_id limit ${MAX_MEMBERS}`);
  if (rows.length === 0) return [];
  const ids = sql`${`{${rows.map((r) => r.member_id).join(',')}}`}::bigint[]`;
  const identities = await ctx.db.execute<{ member_id: number; platform: string; external_id: string; display_name: string; member_name: string }>(sql`
    select mi.member_id, mi.platform, mi.external_id, mi.display_name, m.display_name as member_name from member_identities mi join members m on m.id = mi.member_id
    where mi.member_id = any(${ids}) order by mi.member_id, mi.id`);
  const counts = await ctx.db.execute<{ member_id: number; n: number }>(sql`
    select v.member_id, count(distinct coalesce(i.merged_into_id, i.id))::int as n from voices v join feedback_items i on i.id = v.item_id where v.member_id = any(${ids}) group by v.member_id`);
  return rows.map((r) => {
    const id = Number(r.member_id);
    const own = identities.filter((x) => Number(x.member_id) === id);
    return {
      id,
      name: own[0]?.member_name ?? '',
      identities: own.map((x) => ({ platform: x.platform, id: x.external_id, name: x.display_name })),
      items: Number(counts.find((c) => Number(c.member_id) === id)?.n ?? 0),
    };
  });
}
