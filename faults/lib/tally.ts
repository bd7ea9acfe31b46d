import type { IntakeClient } from './intake-client.js';
import { postsSeen, storedIntake, type World } from './world.js';

/**
 * What the client sent against what the database holds, and what the doubles received twice: the figures every
 * test reports. Lost: accepted (a 202) and not stored. Doubled: a second item for one post, or a second message for
 * one delivery.
 */
export async function tally(world: World, url: string, client: IntakeClient, prefix: string) {
  const stored = await storedIntake(world, url, prefix);
  const acceptedIds = [...client.posts].filter(([, p]) => p.accepted).map(([id]) => id);
  const lost = acceptedIds.filter((id) => !stored.ids.has(id)).length;
  const posts = postsSeen(world);
  return { stored: stored.ids.size, lost, doubled: stored.items - stored.ids.size + posts.doubled, unaccepted: client.unaccepted().length, deliveries: stored.deliveries, posts };
}

export function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
