import type { IssueFacts } from '../../core/trackers/issue-link.js';
import type { IssueDraft } from '../../core/trackers/load-issue-request.js';

/** One team's tracker as the outbox's tracker port sees it. Each kind wraps its own SDK (or, for Jira, fetch). */
export interface TrackerClient {
  /** The issue an earlier attempt at this item created, found by its marker or by the tracker's idempotency. */
  findCreated(draft: IssueDraft, since: Date): Promise<IssueFacts | undefined>;
  create(draft: IssueDraft, itemUrl: string): Promise<IssueFacts>;
  /** The issue a person named when linking, by its key. */
  fetch(key: string): Promise<IssueFacts>;
}

/**
 * How a tracker call failed: `refused` (no permission, bad input: trying again cannot help), `not_found` (no such
 * issue), `retry` (a 5xx, a rate limit, a timeout: later, not before `retryAfterMs`).
 */
export class TrackerCallError extends Error {
  constructor(readonly kind: 'refused' | 'not_found' | 'retry', message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'TrackerCallError';
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Per-call timeout: a hung tracker fails the attempt, and the outbox tries again later. */
export const CALL_TIMEOUT_MS = 15_000;
