import type { WebClient } from '@slack/web-api';
import { slackCall } from './delivery-errors.js';

/**
 * Slack has no idempotency key for chat.postMessage, so each part Liaison posts carries message metadata naming its
 * delivery and part. When a delivery is tried again (its answer lost to a timeout or a crash, or a 429 half-way
 * through a long digest), the parts an earlier attempt did post are found by that metadata and not posted twice.
 */
const DELIVERY_EVENT = 'liaison_delivery';

/** How many of a channel's newest messages are searched for an earlier top-level post: retries come within hours. */
const HISTORY_WINDOW = 200;

interface Found { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }

export function deliveryMetadata(key: string, part: number) {
  return { event_type: DELIVERY_EVENT, event_payload: { key, part } };
}

/**
 * The ts of each part already posted for `key`, in part order and without gaps (a later part without an earlier one
 * is ignored: it is posted again after the missing one, in the same thread). Parts after the first go in the thread
 * of the first (or of `threadTs`), so one history and one replies lookup find them all; a one-part top-level post
 * needs only the history.
 */
export async function earlierParts(client: WebClient, key: string, channel: string, threadTs: string | undefined, partCount: number): Promise<string[]> {
  const parts = new Map<number, string>();
  const collect = (messages: Found[] | undefined) => {
    for (const m of messages ?? []) {
      const payload = m.metadata?.event_type === DELIVERY_EVENT ? m.metadata.event_payload : undefined;
      if (payload?.key === key && typeof payload.part === 'number' && m.ts) parts.set(payload.part, m.ts);
    }
  };
  if (!threadTs) {
    const history = await slackCall('conversations.history', () => client.conversations.history({ channel, limit: HISTORY_WINDOW, include_all_metadata: true }));
    collect(history.messages as Found[] | undefined);
  }
  const thread = threadTs ?? (partCount > 1 ? parts.get(0) : undefined);
  if (thread) {
    const replies = await slackCall('conversations.replies', () => client.conversations.replies({ channel, ts: thread, limit: HISTORY_WINDOW, include_all_metadata: true }));
    collect(replies.messages as Found[] | undefined);
  }
  const ordered: string[] = [];
  while (parts.has(ordered.length)) ordered.push(parts.get(ordered.length) as string);
  return ordered;
}
