import type { LiaisonConfig } from '../config/schema.js';
import { DigestChartData } from '../core/impact/digest-chart-data.js';
import { loadCardBurst } from '../core/bursts/card-burst.js';
import { loadRoutingCard, loadRoutingCards } from '../core/load-routing-card.js';
import { loadIssueRequest } from '../core/trackers/load-issue-request.js';
import { loadWebhookEvent } from '../core/webhooks/load-webhook-event.js';
import type { Db } from '../db/client.js';
import { PermanentDeliveryError } from './chat-port.js';
import type { DeliveryContent } from './content.js';
import type { ClaimedRow } from './outbox-store.js';

/** Turns an outbox row into what a presenter draws. Cards are rebuilt from the database at this moment. */
export async function contentFor(db: Db, config: LiaisonConfig, row: ClaimedRow, now: Date): Promise<DeliveryContent> {
  const p = row.payload as never;
  switch (row.kind) {
    case 'card':
    case 'card_update': {
      const card = row.routing_id === null ? undefined : await loadRoutingCard(db, config, row.routing_id, now);
      if (!card) throw new PermanentDeliveryError(`routing ${row.routing_id} no longer exists`);
      return { kind: row.kind, card };
    }
    case 'card_log': return { kind: 'card_log', log: p };
    case 'card_burst': return { kind: 'card_burst', burst: await loadCardBurst(db, config, row.payload) };
    case 'loop_reply': return { kind: 'loop_reply', reply: p };
    case 'ambassador_note': return { kind: 'ambassador_note', note: p };
    case 'page': return { kind: 'page', page: p };
    case 'digest_summary': return { kind: 'digest_summary', digest: p };
    case 'digest_team': return { kind: 'digest_team', digest: p };
    case 'digest_silos': return { kind: 'digest_silos', digest: p };
    case 'reminder': return { kind: 'reminder', reminder: p };
    case 'notice': return { kind: 'notice', notice: p };
    case 'tracker_issue': return { kind: 'tracker_issue', request: await loadIssueRequest(db, config, row.payload, now) };
    case 'webhook_event': return { kind: 'webhook_event', ...(await loadWebhookEvent(db, config, row.payload, now)) };
    case 'digest_chart': {
      const chart = DigestChartData.safeParse(row.payload);
      if (!chart.success) throw new PermanentDeliveryError(`digest chart ${row.key}: stored figures do not parse`);
      return { kind: 'digest_chart', chart: chart.data };
    }
    default: throw new PermanentDeliveryError(`unknown delivery kind ${row.kind}`);
  }
}

/**
 * The contents of many rows at once: cards are drawn together in a fixed number of queries (a burst's cards share
 * them), everything else one by one. A row whose content cannot be made gets its error instead.
 */
export async function contentsFor(db: Db, config: LiaisonConfig, rows: ClaimedRow[], now: Date): Promise<Map<number, DeliveryContent | Error>> {
  const out = new Map<number, DeliveryContent | Error>();
  const cardRows = rows.filter((r) => (r.kind === 'card' || r.kind === 'card_update') && r.routing_id !== null);
  const cards = cardRows.length > 1 ? await loadRoutingCards(db, config, cardRows.map((r) => r.routing_id as number), now) : undefined;
  for (const row of rows) {
    const card = cards && row.routing_id !== null && (row.kind === 'card' || row.kind === 'card_update') ? cards.get(row.routing_id) : undefined;
    if (cards && cardRows.includes(row)) {
      out.set(row.id, card ? { kind: row.kind as 'card', card } : new PermanentDeliveryError(`routing ${row.routing_id} no longer exists`));
      continue;
    }
    try {
      out.set(row.id, await contentFor(db, config, row, now));
    } catch (error) {
      out.set(row.id, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return out;
}
