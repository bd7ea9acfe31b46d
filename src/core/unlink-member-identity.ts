import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { actions, feedbackItems, memberIdentities, members, voices } from '../db/schema/index.js';
import { requirePermission } from './access-rules.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { IdentityRef, lockIdentity } from './members/identity-ref.js';
import { parseInput } from './parse-input.js';

export const UnlinkMemberIdentityInput = z.object({ identity: IdentityRef, actor: Actor, via: z.enum(['command', 'api', 'web']).default('command') });
export type UnlinkMemberIdentityInput = z.input<typeof UnlinkMemberIdentityInput>;

const LinkData = z.object({ moved: z.array(z.object({ memberId: z.number(), identities: z.array(IdentityRef) })) });

/**
 * Takes one identity out of a linked member (a wrong link): it becomes a member of its own again, with what it
 * said — its voices, and the items it started. The member it had before the link is reused when the ledger names
 * one, so that its history keeps its ID. Recorded in the ledger like the link.
 */
export async function unlinkMemberIdentity(ctx: Context, raw: UnlinkMemberIdentityInput) {
  const input = parseInput(UnlinkMemberIdentityInput, raw);
  requirePermission(ctx.config, input.actor, { kind: 'unlink_identity' });
  return ctx.db.transaction(async (tx) => {
    const identity = await lockIdentity(tx, input.identity);
    const from = identity.memberId;
    const siblings = await tx.$count(memberIdentities, eq(memberIdentities.memberId, from));
    if (siblings < 2) throw new DomainError('invalid_input', { reason: 'not_linked', details: { name: identity.displayName, platform: identity.platform } });
    const to = (await memberBeforeLink(tx, from, input.identity)) ?? (await tx.insert(members).values({ displayName: identity.displayName }).returning({ id: members.id }))[0]?.id;
    if (to === undefined) throw new Error('member not created');
    await tx.update(memberIdentities).set({ memberId: to }).where(eq(memberIdentities.id, identity.id));
    const theirs = and(eq(voices.memberId, from), eq(voices.platform, identity.platform), eq(voices.authorExternalId, identity.externalId));
    await tx.update(voices).set({ memberId: to }).where(theirs);
    // An item's author is whoever spoke first in it: its earliest voice.
    const started = await tx.execute<{ item_id: number }>(sql`
      select first.item_id from (
        select distinct on (v.item_id) v.item_id, v.member_id from ${voices} v join ${feedbackItems} i on i.id = v.item_id
        where i.author_id = ${from} order by v.item_id, v.id
      ) first where first.member_id = ${to}`);
    const itemIds = started.map((r) => Number(r.item_id));
    if (itemIds.length > 0) await tx.update(feedbackItems).set({ authorId: to }).where(inArray(feedbackItems.id, itemIds));
    await tx.insert(actions).values({ memberId: from, kind: 'unlink', via: input.via, actorPlatform: input.actor.platform, actorId: input.actor.id, actorName: input.actor.name, data: { identity: input.identity, to }, createdAt: ctx.clock.now() });
    ctx.logger.info({ from, to, platform: identity.platform }, 'member identity unlinked');
    return { memberId: to, from, name: identity.displayName, identity: { platform: identity.platform, id: identity.externalId } };
  });
}

/** The member this identity belonged to before the last link that moved it, if that member now holds nobody. */
async function memberBeforeLink(tx: Tx, memberId: number, identity: IdentityRef): Promise<number | undefined> {
  const links = await tx.select({ data: actions.data }).from(actions).where(and(eq(actions.memberId, memberId), eq(actions.kind, 'link'))).orderBy(desc(actions.id));
  for (const link of links) {
    const parsed = LinkData.safeParse(link.data);
    const before = parsed.success ? parsed.data.moved.find((m) => m.identities.some((i) => i.platform === identity.platform && i.id === identity.id)) : undefined;
    if (!before) continue;
    const holds = await tx.$count(memberIdentities, eq(memberIdentities.memberId, before.memberId));
    return holds === 0 ? before.memberId : undefined;
  }
  return undefined;
}
