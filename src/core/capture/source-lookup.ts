import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sources } from '../../db/schema/index.js';

export interface SourceRow {
  id: number;
  communityId: string;
}

const TTL_MS = 60_000;
const cache = new WeakMap<Db, Map<string, { row: SourceRow | undefined; at: number }>>();

/**
 * The active source for a platform channel or webhook key. Sources change only when the config does, so a short
 * cache spares every capture a round trip (capture throughput is measured in `npm run bench -- capture`).
 */
export async function lookupSource(db: Db, platform: string, externalId: string, now = Date.now()): Promise<SourceRow | undefined> {
  const byKey = cache.get(db) ?? new Map();
  cache.set(db, byKey);
  const key = `${platform}:${externalId}`;
  const hit = byKey.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.row;
  const [row] = await db
    .select({ id: sources.id, communityId: sources.communityId })
    .from(sources)
    .where(and(eq(sources.platform, platform as 'slack'), eq(sources.externalId, externalId), eq(sources.active, true)));
  byKey.set(key, { row, at: now });
  return row;
}

/** The community's source for captures made by hand on a platform (outside any configured channel). */
export async function manualSource(db: Db, platform: 'slack' | 'discord' | 'webhook' | 'console', community: string): Promise<SourceRow> {
  const externalId = `manual:${community}:${platform}`;
  const cached = await lookupSource(db, platform, externalId);
  if (cached) return cached;
  const [row] = await db
    .insert(sources)
    .values({ communityId: community, platform, kind: 'manual', externalId })
    .onConflictDoUpdate({ target: [sources.platform, sources.externalId], set: { active: true } })
    .returning({ id: sources.id, communityId: sources.communityId });
  cache.get(db)?.set(`${platform}:${externalId}`, { row, at: Date.now() });
  return row as SourceRow;
}
