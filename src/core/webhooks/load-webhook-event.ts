import { eq } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { actions, slaEvents } from '../../db/schema/index.js';
import { loadItemViews } from '../items/item-views.js';
import { IssueLink } from '../trackers/issue-link.js';
import { WebhookEventPayload, type WebhookEventData } from './webhook-event.js';

const iso = (d: Date) => d.toISOString();

/**
 * An event's document, from the outbox row the trigger wrote and the rows it points at. The action (the ledger is
 * append-only) and the SLA event are exactly as they were; the routing's status is the one the action left it in.
 */
export async function loadWebhookEvent(db: DbOrTx, config: LiaisonConfig, raw: unknown, now: Date): Promise<{ payload: WebhookEventPayload; event: WebhookEventData }> {
  const payload = WebhookEventPayload.parse(raw);
  const [item] = await loadItemViews(db, config, [payload.itemId], now);
  if (!item) throw new Error(`item ${payload.itemId} no longer exists`);
  const [action] = payload.actionId === null ? [] : await db.select().from(actions).where(eq(actions.id, payload.actionId));
  const [breach] = payload.slaEventId === null ? [] : await db.select().from(slaEvents).where(eq(slaEvents.id, payload.slaEventId));
  const routing = item.routings.find((r) => r.id === payload.routingId);
  const issue = IssueLink.safeParse((action?.data as { issue?: unknown } | null)?.issue);
  const statusAfter = payload.type === 'routed' ? 'open' : action?.routingId === routing?.id && action?.toStatus ? action.toStatus : routing?.status;
  return {
    payload,
    event: {
      id: payload.eventId,
      type: payload.type,
      occurredAt: new Date(payload.occurredAt).toISOString(),
      item: {
        id: item.id, title: item.title, text: item.text, category: item.category, sentiment: item.sentiment, urgency: item.urgency, priority: item.priority,
        community: item.community, author: { name: item.author.name }, voices: item.voices.length, permalink: item.permalink, postedAt: iso(item.postedAt), capturedAt: iso(item.capturedAt),
      },
      routing: routing ? { id: routing.id, team: routing.team, status: statusAfter as typeof routing.status, priority: routing.priority } : null,
      action: action && payload.type !== 'routed' ? {
        id: action.id, kind: action.kind, via: action.via, actor: { platform: action.actorPlatform, id: action.actorId, name: action.actorName }, reason: action.reason,
        toTeam: action.toTeamId, fromStatus: action.fromStatus, toStatus: action.toStatus, issue: issue.success ? issue.data : null, at: iso(action.createdAt),
      } : null,
      breach: breach ? { target: breach.target, dueAt: iso(breach.dueAt) } : null,
    },
  };
}
