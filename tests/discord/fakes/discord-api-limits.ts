import type { WindowLimit } from '../../fakes/platform-rate-limits.js';

/**
 * Discord's limits as its REST API enforces them (https://discord.com/developers/docs/topics/rate-limits): 50
 * requests per second for the whole bot (interaction callbacks and webhooks excepted), and per-route buckets keyed by
 * channel: 5 messages per 5 seconds posted in a channel, 5 edits per 5 seconds in it.
 */
const GLOBAL: WindowLimit = { key: 'global', limit: 50, windowMs: 1_000, scope: 'global' };

export function discordWindowLimits(method: string, path: string): WindowLimit[] {
  if (/^\/(interactions|webhooks)\//.test(path)) return [];
  const post = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
  if (post) return [{ key: `route:post:${post[1]}`, limit: 5, windowMs: 5_000, scope: 'route' }, GLOBAL];
  const edit = method === 'PATCH' ? /^\/channels\/(\d+)\/messages\/\d+$/.exec(path) : null;
  if (edit) return [{ key: `route:edit:${edit[1]}`, limit: 5, windowMs: 5_000, scope: 'route' }, GLOBAL];
  return [GLOBAL];
}
