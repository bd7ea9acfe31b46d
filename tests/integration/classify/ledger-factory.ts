import type { Db } from '../../../src/db/client.js';
import { actions, communities, feedbackItems, members, routings, sources, teams } from '../../../src/db/schema/index.js';

const AT = new Date('2026-03-02T10:00:00Z');

/** The few rows the ledger needs: two teams, one community, one source, one member. */
export async function seedOrganisation(db: Db, teamIds: readonly string[] = ['support', 'sales', 'product']): Promise<{ sourceId: number; memberId: number }> {
  await db.insert(teams).values(teamIds.map((id) => ({ id, name: id, homePlatform: 'console', homeChannel: id })));
  await db.insert(communities).values({ id: 'makers', name: 'Makers' });
  const [source] = await db.insert(sources).values({ communityId: 'makers', platform: 'console', kind: 'manual', externalId: 'console' }).returning();
  const [member] = await db.insert(members).values({ displayName: 'Ann' }).returning();
  return { sourceId: (source as { id: number }).id, memberId: (member as { id: number }).id };
}

let sequence = 0;

/** A captured item routed to `team`; returns the item and routing ids. */
export async function routedItem(db: Db, org: { sourceId: number; memberId: number }, text: string, team: string, title?: string) {
  const [item] = await db
    .insert(feedbackItems)
    .values({
      communityId: 'makers',
      sourceId: org.sourceId,
      authorId: org.memberId,
      title: title ?? null,
      text,
      category: 'question',
      categoryConfidence: 0.5,
      sentiment: 'neutral',
      urgency: 'normal',
      classification: { modelVersion: 'test', alternatives: [], terms: [], sentimentScore: 0 },
      postedAt: AT,
      capturedAt: AT,
    })
    .returning();
  const itemId = (item as { id: number }).id;
  const [routing] = await db
    .insert(routings)
    .values({ itemId, teamId: team, reason: { kind: 'rule', summary: 'test' }, createdAt: AT, updatedAt: AT })
    .returning();
  return { itemId, routingId: (routing as { id: number }).id };
}

function actor() {
  sequence += 1;
  return { via: 'button' as const, actorPlatform: 'console', actorId: `u${sequence}`, actorName: 'Sam', createdAt: AT, idempotencyKey: `test:${sequence}` };
}

export async function passOn(db: Db, itemId: number, from: string, to: string): Promise<number> {
  const [row] = await db.insert(actions).values({ itemId, teamId: from, toTeamId: to, kind: 'pass_on', ...actor() }).returning();
  return (row as { id: number }).id;
}

export async function recategorize(db: Db, itemId: number, from: string, to: string): Promise<number> {
  const [row] = await db.insert(actions).values({ itemId, kind: 'recategorize', data: { from, to }, ...actor() }).returning();
  return (row as { id: number }).id;
}

export async function undo(db: Db, itemId: number, actionId: number): Promise<void> {
  await db.insert(actions).values({ itemId, kind: 'undo', undoesId: actionId, ...actor() });
}
