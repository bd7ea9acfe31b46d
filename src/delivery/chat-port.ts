import type { DeliveryPlatform } from '../db/schema/delivery.js';
import type { DeliveryKind } from '../db/schema/delivery.js';
import type { DeliveryContent } from './content.js';
import type { RateLimit } from './rate-buckets.js';

/** One outbound message as a ChatPort sees it: where it goes and what it answers or edits. */
export interface OutboundMessage {
  id: number;
  key: string;
  platform: DeliveryPlatform;
  channelId: string;
  /** Reply in this thread: the parent's posted message (a card, a digest summary) or the original feedback. */
  threadId: string | null;
  /** Edit this message in place (a card update). */
  editsMessageId: string | null;
  /** The thread the edited message is in, when it is a reply (a card in a combined card's thread). */
  editsInThreadId?: string | null;
  attempt: number;
  content: DeliveryContent;
}

/** A chat platform as the delivery worker sees it. Adapters implement it; the worker knows nothing else of them. */
export interface ChatPort {
  readonly name: string;
  /** Posts (or edits) the message and returns the platform's reference to it. */
  deliver(message: OutboundMessage): Promise<{ messageId: string }>;
  /**
   * The platform limits a delivery spends from, most specific first (its channel or route before a global budget).
   * The worker waits for them before sending; without this method the port is not rate-limited.
   */
  limits?(target: DeliveryTarget): RateLimit[];
}

/** What the limits of a delivery depend on: what it is and where it goes. */
export interface DeliveryTarget {
  kind: DeliveryKind;
  channelId: string;
  /** Tried before: the port may first look for what the earlier attempt posted. */
  retry?: boolean;
  /** A reply in a thread rather than a post in the channel itself. */
  inThread?: boolean;
  /** The thread it goes in and the one the message it edits is in, as the port will be told (OutboundMessage). */
  threadId?: string | null;
  editsInThreadId?: string | null;
  /**
   * What the delivery carries (its outbox payload), for calls that depend on it: a reply that goes by DM opens the
   * conversation first, a reminder looks up its cards' links.
   */
  payload?: Record<string, unknown>;
}

/** The platform said "later" (429, 5xx, timeout): try again, not before `retryAfterMs` when it said so. */
export class RetryableDeliveryError extends Error {
  /** `scope`: which of the delivery's limits the platform named (a RateLimit's scope); the first one when unsaid. */
  constructor(message: string, readonly retryAfterMs?: number, readonly scope?: string) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/** The platform said "never" (channel gone, not in channel, invalid blocks): retrying cannot help. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
