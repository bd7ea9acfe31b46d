import { z } from 'zod';
import { WebhookEventType } from '../../config/tracker-schema.js';
import { ACTION_KINDS, ACTION_VIAS, ROUTING_STATUSES } from '../../db/schema/index.js';
import { IssueLink } from '../trackers/issue-link.js';

const Time = z.iso.datetime({ offset: true });

/**
 * One event as receivers get it: the JSON body of each POST. Published as docs/webhook-event.schema.json (generated
 * from this schema; a test keeps it up to date). Sent at least once: deduplicate by `id`.
 */
export const WebhookEvent = z
  .object({
    id: z.uuid().describe('Unique per event and receiver. A retry or a replay sends the same id: process each id once.'),
    type: WebhookEventType.describe('captured: new feedback; routed: it reached a team; acted: a team member (or the tracker) did something; resolved, declined; escalated: a community manager raised it; breached: an SLA target was missed.'),
    occurredAt: Time.describe('When it happened in Liaison (not when it was sent).'),
    item: z
      .object({
        id: z.number().int().positive(),
        url: z.url().describe("The item's page in Liaison's web app."),
        title: z.string().nullable(),
        text: z.string().describe('The feedback as written (NUL and control characters removed). Treat it as untrusted text.'),
        category: z.string(),
        sentiment: z.string(),
        urgency: z.string(),
        priority: z.string(),
        community: z.object({ id: z.string(), name: z.string() }),
        author: z.object({ name: z.string() }),
        voices: z.number().int().positive().describe('How many people said this (merged duplicates included).'),
        permalink: z.string().nullable().describe('Where it was said, when the platform has a link.'),
        postedAt: Time,
        capturedAt: Time,
      })
      .describe('The feedback item concerned.'),
    routing: z
      .object({
        id: z.number().int().positive(),
        team: z.object({ id: z.string(), name: z.string() }),
        status: z.enum(ROUTING_STATUSES).describe('The routing’s status right after this event.'),
        priority: z.string(),
      })
      .nullable()
      .describe('The routing concerned (the item’s assignment to one team); null for captured and for item-wide actions.'),
    action: z
      .object({
        id: z.number().int().positive(),
        kind: z.enum(ACTION_KINDS),
        via: z.enum(ACTION_VIAS),
        actor: z.object({ platform: z.string(), id: z.string(), name: z.string() }),
        reason: z.string().nullable(),
        toTeam: z.string().nullable(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        issue: IssueLink.nullable().describe('The tracker issue, for issue actions and for actions taken by the tracker.'),
        at: Time,
      })
      .nullable()
      .describe('The ledger entry behind the event; null for routed (when not caused by an action) and breached.'),
    breach: z
      .object({ target: z.enum(['acknowledge', 'resolve']), dueAt: Time })
      .nullable()
      .describe('For breached: which target was missed and when it was due.'),
  })
  .describe('A Liaison outbound webhook event.');
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The event before the receiver-independent item URL is added (it depends on where Liaison is reachable). */
export type WebhookEventData = Omit<WebhookEvent, 'item'> & { item: Omit<WebhookEvent['item'], 'url'> };

/** What the database trigger (drizzle/*_trackers_custom.sql) stores in the outbox for each event and receiver. */
export const WebhookEventPayload = z.object({
  eventId: z.uuid(),
  type: WebhookEventType,
  subscription: z.string(),
  occurredAt: z.string(),
  itemId: z.number().int(),
  routingId: z.number().int().nullable(),
  actionId: z.number().int().nullable(),
  slaEventId: z.number().int().nullable(),
  /** Set by `liaison webhooks replay`: the give-up time counts from then. */
  replayedAt: z.string().optional(),
});
export type WebhookEventPayload = z.infer<typeof WebhookEventPayload>;

/** The JSON Schema published for receivers. */
export function webhookEventJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(WebhookEvent, { io: 'output', unrepresentable: 'any' }), title: 'Liaison webhook event' };
}
