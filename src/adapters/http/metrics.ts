import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { skippedChatterTotals } from '../../core/chatter/skipped-chatter.js';
import type { Clock } from '../../core/clock.js';
import { countFailedWebhooks } from '../../core/webhooks/list-failed-webhooks.js';
import { withinDeadline } from '../../db/availability.js';
import type { Db } from '../../db/client.js';
import type { DeliveryObserver } from '../../delivery/outbox-worker.js';
import { outboxDepth } from '../../delivery/outbox-store.js';

/** How long a scrape waits for the figures read from the database: /metrics answers within about a second. */
export const DATABASE_FIGURES_DEADLINE_MS = 700;

interface DatabaseFigures {
  depth: Awaited<ReturnType<typeof outboxDepth>>;
  failedWebhooks: number;
  chatter: Awaited<ReturnType<typeof skippedChatterTotals>>;
}

/**
 * Prometheus figures an operator watches: intake outcomes, deliveries, outbox depth, skipped chatter, request latency.
 * The process's own figures are always answered; those read from the database (outbox, failed webhooks, chatter)
 * only when it answers in time — otherwise they are left out rather than shown stale, and
 * `liaison_database_figures_up` says 0.
 */
export class HttpMetrics implements DeliveryObserver {
  readonly registry = new Registry();
  readonly intake = new Counter({ name: 'liaison_intake_total', help: 'Webhook intake requests by source and outcome', labelNames: ['source', 'outcome'], registers: [this.registry] });
  readonly requests = new Histogram({ name: 'liaison_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 3], registers: [this.registry] });
  readonly trackerWebhooks = new Counter({ name: 'liaison_tracker_webhooks_total', help: 'Tracker webhooks received at /trackers/:team by team and outcome', labelNames: ['team', 'outcome'], registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'liaison_deliveries_total', help: 'Outbound messages by platform, kind and outcome', labelNames: ['platform', 'kind', 'outcome'], registers: [this.registry] });
  private readonly databaseUp = new Gauge({ name: 'liaison_database_figures_up', help: 'Whether the figures read from the database (outbox, failed webhooks, chatter) answered in time for this scrape: 1, or 0 and they are left out', registers: [this.registry] });
  private readonly fromDatabase = new Registry();
  private figures: DatabaseFigures | undefined;
  /** The read under way: a scrape while the database is paused waits on it instead of sending another. */
  private reading: Promise<DatabaseFigures> | undefined;

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly deadlineMs = DATABASE_FIGURES_DEADLINE_MS) {
    collectDefaultMetrics({ register: this.registry, prefix: 'liaison_' });
    const registers = [this.fromDatabase];
    const figures = () => this.figures as DatabaseFigures;
    const gauge = (name: string, help: string, pick: (d: DatabaseFigures['depth']) => number) =>
      new Gauge({ name, help, registers, collect() { this.set(pick(figures().depth)); } });
    gauge('liaison_outbox_pending', 'Deliveries not yet sent', (d) => d.pending);
    gauge('liaison_outbox_due', 'Deliveries due now', (d) => d.due);
    gauge('liaison_outbox_failed', 'Deliveries that failed for good', (d) => d.failed);
    gauge('liaison_outbox_oldest_due_seconds', 'Age of the oldest due delivery', (d) => d.oldestDueMs / 1000);
    new Gauge({ name: 'liaison_webhook_events_failed', help: 'Outbound webhook events given up on, or held behind one (see liaison webhooks failed)', registers, collect() { this.set(figures().failedWebhooks); } });
    // Counted in the database by whichever process captured, so every instance reports the same total.
    new Counter({
      name: 'liaison_chatter_skipped_total',
      help: 'Automatic channel messages skipped as chatter (not stored, not routed), by community',
      labelNames: ['community'],
      registers,
      collect() {
        this.reset();
        for (const row of figures().chatter) this.inc({ community: row.community }, row.skipped);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for one scrape, within about `deadlineMs` whatever the database does. */
  async render(): Promise<string> {
    const current = await this.readFigures();
    this.databaseUp.set(current ? 1 : 0);
    const own = await this.registry.metrics();
    return current ? `${own}${await this.fromDatabase.metrics()}` : own;
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

  private async readFigures(): Promise<boolean> {
    this.reading ??= (async () => {
      const [depth, failedWebhooks, chatter] = await Promise.all([outboxDepth(this.db, this.clock.now()), countFailedWebhooks(this.db), skippedChatterTotals(this.db)]);
      return { depth, failedWebhooks, chatter };
    })().finally(() => (this.reading = undefined));
    try {
      this.figures = await withinDeadline(this.reading, this.deadlineMs, 'metrics');
      return true;
    } catch {
      return false;
    }
  }
}
