import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { memberIdentities } from '../../db/schema/index.js';
import { DomainError } from '../errors.js';

/** A member's identity on one platform: a Slack or Discord user ID, or a webhook author (e-mail or sender's ID). */
export const IdentityRef = z.object({ platform: z.enum(['slack', 'discord', 'webhook', 'console']), id: z.string().min(1) });
export type IdentityRef = z.infer<typeof IdentityRef>;

/** The stored identity, locked for the change; one Liaison has never seen cannot be linked or unlinked. */
export async function lockIdentity(tx: Tx, identity: IdentityRef) {
  const [row] = await tx.select().from(memberIdentities).where(and(eq(memberIdentities.platform, identity.platform), eq(memberIdentities.externalId, identity.id))).for('update');
  if (!row) throw new DomainError('not_found', { reason: 'unseen_identity', details: { platform: identity.platform, id: identity.id } });
  return row;
}
