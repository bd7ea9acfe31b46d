import { and, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { memberIdentities, members, voices } from '../db/schema/index.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { loadItemViews, outcomeOf, type ItemView } from './items/item-views.js';
import { parseInput } from './parse-input.js';

export const MemberHistoryInput = z.object({
  /** A platform identity, or a name to look up. */
  member: z.union([z.object({ platform: z.enum(['slack', 'discord', 'webhook', 'console']), id: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MemberHistoryInput = z.input<typeof MemberHistoryInput>;

export interface MemberHistory {
  member: { id: number; name: string; identities: { platform: string; id: string; name: string }[] };
  /** Each item counted once: resolved + declined + open = items. */
  totals: { items: number; resolved: number; declined: number; open: number };
  items: (ItemView & { outcome: string })[];
}

/** Everything a person told the company, across all their linked identities, and what came of each. */
export async function memberHistory(ctx: Context, raw: MemberHistoryInput): Promise<MemberHistory> {
  const input = parseInput(MemberHistoryInput, raw);
  const memberId = await findMember(ctx, input.member);
  const [member] = await ctx.db.select().from(members).where(eq(members.id, memberId));
  const identities = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.memberId, memberId));
  const itemIds = await ctx.db.selectDistinct({ itemId: voices.itemId }).from(voices).where(eq(voices.memberId, memberId));
  const all = await loadItemViews(ctx.db, ctx.config, itemIds.map((r) => r.itemId), ctx.clock.now());
  all.sort((a, b) => b.capturedAt.getTime() - a.capturedAt.getTime() || b.id - a.id);
  const outcomes = all.map((i) => itemOutcome(i.routings.map((r) => r.status)));
  return {
    member: { id: memberId, name: member?.displayName ?? '', identities: identities.map((i) => ({ platform: i.platform, id: i.externalId, name: i.displayName })) },
    totals: {
      items: all.length,
      resolved: outcomes.filter((o) => o === 'resolved').length,
      declined: outcomes.filter((o) => o === 'declined').length,
      open: outcomes.filter((o) => o === 'open').length,
    },
    items: all.slice(0, input.limit).map((item) => ({ ...item, outcome: outcomeOf(item) })),
  };
}

/**
 * One outcome per item across its teams, as a community's history counts them (so the totals add up to the items):
 * resolved if any team resolved it, declined if every team that kept it declined it, else still open.
 */
function itemOutcome(statuses: string[]): 'resolved' | 'declined' | 'open' {
  const kept = statuses.filter((s) => s !== 'merged');
  if (kept.includes('resolved')) return 'resolved';
  if (kept.includes('declined') && kept.every((s) => s === 'declined' || s === 'passed_on')) return 'declined';
  return 'open';
}

async function findMember(ctx: Context, member: z.infer<typeof MemberHistoryInput>['member']): Promise<number> {
  const condition = 'platform' in member
    ? and(eq(memberIdentities.platform, member.platform), eq(memberIdentities.externalId, member.id))
    : or(ilike(memberIdentities.displayName, member.name), eq(memberIdentities.externalId, member.name));
  const rows = await ctx.db.selectDistinct({ memberId: memberIdentities.memberId }).from(memberIdentities).where(condition).orderBy(desc(memberIdentities.memberId)).limit(5);
  if (rows.length === 0) throw new DomainError('not_found', 'Liaison has no feedback from that member.');
  if (rows.length > 1) {
    const names = await ctx.db.select({ memberId: memberIdentities.memberId, platform: memberIdentities.platform, id: memberIdentities.externalId }).from(memberIdentities).where(inArray(memberIdentities.memberId, rows.map((r) => r.memberId)));
    throw new DomainError('invalid_input', `Several members match: ${names.map((n) => `${n.platform}:${n.id}`).join(', ')}. Name one by platform ID.`);
  }
  return (rows[0] as { memberId: number }).memberId;
}
