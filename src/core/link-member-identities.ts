import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackItems, memberIdentities, members, voices } from '../db/schema/index.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { parseInput } from './parse-input.js';

const Identity = z.object({ platform: z.enum(['slack', 'discord', 'webhook', 'console']), id: z.string().min(1) });

export const LinkMemberIdentitiesInput = z.object({ identities: z.array(Identity).min(2), actor: Actor });
export type LinkMemberIdentitiesInput = z.input<typeof LinkMemberIdentitiesInput>;

/** Declares that several platform identities are one person: their history becomes one member's history. */
export async function linkMemberIdentities(ctx: Context, raw: LinkMemberIdentitiesInput) {
  const input = parseInput(LinkMemberIdentitiesInput, raw);
  if (!input.actor.isCommunityManager) throw new DomainError('not_permitted', 'Only community managers can link member identities.');
  return ctx.db.transaction(async (tx) => {
    const found = [];
    for (const identity of input.identities) {
      const [row] = await tx.select().from(memberIdentities).where(and(eq(memberIdentities.platform, identity.platform), eq(memberIdentities.externalId, identity.id))).for('update');
      if (!row) throw new DomainError('not_found', `Liaison has not seen ${identity.platform} user ${identity.id} yet.`);
      found.push(row);
    }
    // The oldest member record survives, so that long-standing history keeps its ID.
    const keep = Math.min(...found.map((f) => f.memberId));
    const others = [...new Set(found.map((f) => f.memberId))].filter((id) => id !== keep);
    if (others.length > 0) {
      await tx.update(memberIdentities).set({ memberId: keep }).where(inArray(memberIdentities.memberId, others));
      await tx.update(voices).set({ memberId: keep }).where(inArray(voices.memberId, others));
      await tx.update(feedbackItems).set({ authorId: keep }).where(inArray(feedbackItems.authorId, others));
    }
    const [member] = await tx.select().from(members).where(eq(members.id, keep));
    return { memberId: keep, name: member?.displayName ?? '', identities: await tx.select().from(memberIdentities).where(eq(memberIdentities.memberId, keep)) };
  });
}
