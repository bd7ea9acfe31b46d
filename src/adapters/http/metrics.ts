import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { skippedChatterTotals } from '../../core/chatter/skipped-chatter.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../db/client.js';
import type { DeliveryObserver } from '../../delivery/outbox-worker.js';
import { countFailedWebhooks } from '../../core/webhooks/list-failed-webhooks.js';
import { outboxDepth } from '../../delivery/outbox-store.js';

/** Prometheus figures an operator watches: intake outcomes, deliveries, outbox depth, skipped chatter, request latency. */
export class HttpMetrics implements DeliveryObserver {
  readonly registry = new Registry();
  readonly intake = new Counter({ name: 'liaison_intake_total', help: 'Webhook intake requests by source and outcome', labelNames: ['source', 'outcome'], registers: [this.registry] });
  readonly requests = new Histogram({ name: 'liaison_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 3], registers: [this.registry] });
  readonly trackerWebhooks = new Counter({ name: 'liaison_tracker_webhooks_total', help: 'Tracker webhooks received at /trackers/:team by team and outcome', labelNames: ['team', 'outcome'], registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'liaison_deliveries_total', help: 'Outbound messages by platform, kind and outcome', labelNames: ['platform', 'kind', 'outcome'], registers: [this.registry] });

  constructor(db: Db, clock: Clock) {
    collectDefaultMetrics({ register: this.registry, prefix: 'liaison_' });
    const depth = () => outboxDepth(db, clock.now());
    const gauge = (name: string, help: string, pick: (d: Awaited<ReturnType<typeof depth>>) => number) =>
      new Gauge({ name, help, registers: [this.registry], async collect() { this.set(pick(await depth())); } });
    gauge('liaison_outbox_pending', 'Deliveries not yet sent', (d) => d.pending);
    gauge('liaison_outbox_due', 'Deliveries due now', (d) => d.due);
    gauge('liaison_outbox_failed', 'Deliveries that failed for good', (d) => d.failed);
    gauge('liaison_outbox_oldest_due_seconds', 'Age of the oldest due delivery', (d) => d.oldestDueMs / 1000);
    new Gauge({ name: 'liaison_webhook_events_failed', help: 'Outbound webhook events given up on, or held behind one (see liaison webhooks failed)', registers: [this.registry], async collect() { this.set(await countFailedWebhooks(db)); } });
    // Counted in the database by whichever process captured, so every instance reports the same total.
    new Counter({
      name: 'liaison_chatter_skipped_total',
      help: 'Automatic channel messages skipped as chatter (not stored, not routed), by community',
      labelNames: ['community'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await skippedChatterTotals(db)) this.inc({ community: row.community }, row.skipped);
      },
    });
  }

  sent(platform: string, kind: string): void {
    this.deliveries.inc({ platform, kind, outcome: 'sent' });
  }
  retried(platform: string, kind: string): void {
    this.deliveries.inc({ platform, kind, outcome: 'retried' });
  }
  failed(platform: string, kind: string): void {
    this.deliveries.inc({ platform, kind, outcome: 'failed' });
  }
}
