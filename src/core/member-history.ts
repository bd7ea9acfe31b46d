import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { memberIdentities, members, voices } from '../db/schema/index.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { countOutcomes, type OutcomeCounts } from './items/item-outcome.js';
import { loadItemViews, type ItemView } from './items/item-views.js';
import { parseInput } from './parse-input.js';

export const MemberHistoryInput = z.object({
  /** A platform identity, or a name to look up. */
  member: z.union([z.object({ platform: z.enum(['slack', 'discord', 'webhook', 'console']), id: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MemberHistoryInput = z.input<typeof MemberHistoryInput>;

export interface MemberHistory {
  member: { id: number; name: string; identities: { platform: string; id: string; name: string }[] };
  /** Each item counted once, as a community's history counts them: `byOutcome` adds up to `items`. */
  totals: { items: number; byOutcome: OutcomeCounts };
  items: ItemView[];
}

/** Everything a person told the company, across all their linked identities, and what came of each. */
export async function memberHistory(ctx: Context, raw: MemberHistoryInput): Promise<MemberHistory> {
  const input = parseInput(MemberHistoryInput, raw);
  const memberId = await findMember(ctx, input.member);
  const [member] = await ctx.db.select().from(members).where(eq(members.id, memberId));
  const identities = await ctx.db.select().from(memberIdentities).where(eq(memberIdentities.memberId, memberId));
  const spoke = sql`i.id in (select ${voices.itemId} from ${voices} where ${voices.memberId} = ${memberId})`;
  const recent = await ctx.db.execute<{ id: number }>(sql`select i.id from feedback_items i where ${spoke} order by i.captured_at desc, i.id desc limit ${input.limit}`);
  const [items, totals] = await Promise.all([loadItemViews(ctx.db, ctx.config, recent.map((r) => Number(r.id)), ctx.clock.now()), countOutcomes(ctx.db, spoke)]);
  return {
    member: { id: memberId, name: member?.displayName ?? '', identities: identities.map((i) => ({ platform: i.platform, id: i.externalId, name: i.displayName })) },
    totals,
    items,
  };
}

async function findMember(ctx: Context, member: z.infer<typeof MemberHistoryInput>['member']): Promise<number> {
  const condition = 'platform' in member
    ? and(eq(memberIdentities.platform, member.platform), eq(memberIdentities.externalId, member.id))
    : or(ilike(memberIdentities.displayName, member.name), eq(memberIdentities.externalId, member.name));
  const rows = await ctx.db.selectDistinct({ memberId: memberIdentities.memberId }).from(memberIdentities).where(condition).orderBy(desc(memberIdentities.memberId)).limit(5);
  if (rows.length === 0) throw new DomainError('not_found', { reason: 'no_member_feedback', details: {} });
  if (rows.length > 1) {
    const names = await ctx.db.select({ memberId: memberIdentities.memberId, platform: memberIdentities.platform, id: memberIdentities.externalId }).from(memberIdentities).where(inArray(memberIdentities.memberId, rows.map((r) => r.memberId)));
    throw new DomainError('invalid_input', { reason: 'several_members', details: { matches: names.map((n) => `${n.platform}:${n.id}`) } });
  }
  return (rows[0] as { memberId: number }).memberId;
}
