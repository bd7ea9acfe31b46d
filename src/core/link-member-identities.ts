import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { actions, feedbackItems, memberIdentities, members, voices } from '../db/schema/index.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { IdentityRef, lockIdentity } from './members/identity-ref.js';
import { parseInput } from './parse-input.js';

export const LinkMemberIdentitiesInput = z.object({ identities: z.array(IdentityRef).min(2), actor: Actor, via: z.enum(['command', 'api', 'web']).default('command') });
export type LinkMemberIdentitiesInput = z.input<typeof LinkMemberIdentitiesInput>;

/**
 * Declares that several platform identities are one person: their history becomes one member's history. Recorded
 * in the ledger with what each absorbed member held, so that `unlinkMemberIdentity` can give an identity back.
 */
export async function linkMemberIdentities(ctx: Context, raw: LinkMemberIdentitiesInput) {
  const input = parseInput(LinkMemberIdentitiesInput, raw);
  requirePermission(ctx.config, input.actor, { kind: 'link_identities' });
  return ctx.db.transaction(async (tx) => {
    const found = [];
    for (const identity of input.identities) found.push(await lockIdentity(tx, identity));
    // The oldest member record survives, so that long-standing history keeps its ID.
    const keep = Math.min(...found.map((f) => f.memberId));
    const others = [...new Set(found.map((f) => f.memberId))].filter((id) => id !== keep);
    if (others.length === 0) throw new DomainError('already_done', { reason: 'already_linked', details: { names: found.map((f) => f.displayName) } });
    const moved = await tx.select().from(memberIdentities).where(inArray(memberIdentities.memberId, others));
    await tx.update(memberIdentities).set({ memberId: keep }).where(inArray(memberIdentities.memberId, others));
    await tx.update(voices).set({ memberId: keep }).where(inArray(voices.memberId, others));
    await tx.update(feedbackItems).set({ authorId: keep }).where(inArray(feedbackItems.authorId, others));
    const data = { identities: input.identities, moved: others.map((memberId) => ({ memberId, identities: moved.filter((m) => m.memberId === memberId).map((m) => ({ platform: m.platform, id: m.externalId })) })) };
    await tx.insert(actions).values({ memberId: keep, kind: 'link', via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, data, createdAt: ctx.clock.now() });
    const [member] = await tx.select().from(members).where(eq(members.id, keep));
    const identities = await tx.select().from(memberIdentities).where(and(eq(memberIdentities.memberId, keep)));
    ctx.logger.info({ memberId: keep, absorbed: others }, 'member identities linked');
    return { memberId: keep, name: member?.displayName ?? '', identities: identities.map((i) => ({ platform: i.platform, id: i.externalId, name: i.displayName })) };
  });
}
