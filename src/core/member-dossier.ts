import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Context } from './context.js';
import { relationshipFigures, dossierQuarters, openItemIds, type CommunityFigures } from './dossier/relationship-figures.js';
import { DomainError } from './errors.js';
import type { ListedItem } from './impact/list-filtered-items.js';
import { loadListedItems } from './items/listed-items.js';
import { memberHistory, type MemberHistory } from './member-history.js';
import { parseInput } from './parse-input.js';

export const MemberDossierInput = z.object({ memberId: z.coerce.number().int().positive(), recent: z.number().int().min(1).max(200).default(30) });
export type MemberDossierInput = z.input<typeof MemberDossierInput>;

export interface IdentityLinkEntry { kind: 'link' | 'unlink'; actorName: string; via: string; at: Date; identities: { platform: string; id: string }[] }

export interface MemberDossier {
  member: { id: number; name: string; since: Date; identities: { platform: string; id: string; name: string; since: Date }[] };
  /** Per community the member spoke in, over the last quarters: what they raised, which teams answered, how fast. */
  since: Date;
  communities: CommunityFigures[];
  open: { total: number; items: ListedItem[] };
  /** Everything they said, newest first, and where it stands (memberHistory's). */
  history: Pick<MemberHistory, 'totals' | 'items'>;
  /** Links and unlinks of this member's identities, newest first (the ledger's entries). */
  links: IdentityLinkEntry[];
}

const LinkData = z.object({ identities: z.array(z.object({ platform: z.string(), id: z.string() })).optional(), identity: z.object({ platform: z.string(), id: z.string() }).optional() });

/** One person's relationship with the company, across every linked identity (Slack, Discord, e-mail). */
export async function memberDossier(ctx: Context, raw: MemberDossierInput): Promise<MemberDossier> {
  const input = parseInput(MemberDossierInput, raw);
  const identities = await ctx.db.execute<{ platform: 'slack' | 'discord' | 'webhook' | 'console'; external_id: string; display_name: string; created_at: string; member_name: string; member_since: string }>(sql`
    select mi.platform, mi.external_id, mi.display_name, m.display_name as member_name,
      -- When Liaison first heard them there (rows carry the database's own clock, voices the capture's).
      coalesce((select min(v.captured_at) from voices v where v.member_id = mi.member_id and v.platform = mi.platform and v.author_external_id = mi.external_id), mi.created_at) as created_at,
      coalesce((select min(v.captured_at) from voices v where v.member_id = mi.member_id), m.created_at) as member_since
    from member_identities mi join members m on m.id = mi.member_id where mi.member_id = ${input.memberId} order by mi.id`);
  const first = identities[0];
  if (!first) throw new DomainError('not_found', { reason: 'unknown_member', details: { memberId: input.memberId, field: 'member', given: String(input.memberId) } });
  const history = await memberHistory(ctx, { member: { platform: first.platform, id: first.external_id }, limit: input.recent });
  const spoke = sql`i.id in (select v.item_id from voices v where v.member_id = ${input.memberId})`;
  const quarters = dossierQuarters(ctx.clock.now(), ctx.config.timezone);
  const open = await openItemIds(ctx.db, spoke, 20);
  const ledger = await ctx.db.execute<{ kind: 'link' | 'unlink'; actor_name: string; via: string; created_at: string; data: unknown }>(sql`
    select kind, actor_name, via, created_at, data from actions where member_id = ${input.memberId} and kind in ('link', 'unlink') order by id desc limit 50`);
  return {
    member: {
      id: input.memberId,
      name: first.member_name,
      since: new Date(first.member_since),
      identities: identities.map((i) => ({ platform: i.platform, id: i.external_id, name: i.display_name, since: new Date(i.created_at) })),
    },
    since: quarters.since,
    communities: await relationshipFigures(ctx.db, ctx.config, spoke, quarters),
    open: { total: open.total, items: await loadListedItems(ctx.db, ctx.config, open.ids) },
    history: { totals: history.totals, items: history.items },
    links: ledger.map((row) => {
      const data = LinkData.safeParse(row.data);
      const named = data.success ? (data.data.identities ?? (data.data.identity ? [data.data.identity] : [])) : [];
      return { kind: row.kind, actorName: row.actor_name, via: row.via, at: new Date(row.created_at), identities: named };
    }),
  };
}
