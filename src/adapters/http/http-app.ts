import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Context } from '../../core/context.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, withinDeadline } from '../../db/availability.js';
import { mountWeb } from '../web/web-app.js';
import type { WebDeps } from '../web/web-env.js';
import { bodyLimit, MAX_BODY_BYTES } from './body-limit.js';
import { mountIntake } from './intake-route.js';
import type { HttpMetrics } from './metrics.js';

export interface HttpAppOptions {
  ctx: Context;
  webhookSecrets: Map<string, string>;
  metrics: HttpMetrics;
  /** The process's own health (the embedded database server's state); `/healthz` reports it. */
  health?: () => { ok: boolean; reason?: string };
  /** When set, `/metrics` answers only requests bearing `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Other adapters (Slack's HTTP mode) add their routes here. */
  extend?: ((app: Hono) => void)[];
  /** The web app, mounted under `/` after everything else. */
  web?: WebDeps;
}

/** `/readyz` answers within a second: a database that does not answer by then counts as unavailable. */
const READY_DEADLINE_MS = 800;

/** The HTTP surface: webhook intake, health for orchestrators, metrics for Prometheus, and the web app. */
export function createHttpApp({ ctx, webhookSecrets, metrics, health = () => ({ ok: true }), metricsToken, extend = [], web }: HttpAppOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const stop = metrics.requests.startTimer();
    await next();
    stop({ route: c.req.routePath, status: String(c.res.status) });
  });
  // Intake holds bodies to its own 64 KB. Mounted ahead of the app-wide 1 MB (Hono runs handlers in the order they
  // were added, and intake's answers without calling on), so a sender past 1 MB is told 64 KB, the limit that applies.
  mountIntake(app, ctx, webhookSecrets, metrics);
  // Every body is counted as it arrives and refused past the limit before more is read.
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES }));
  app.get('/healthz', (c) => {
    const state = health();
    return state.ok ? c.json({ status: 'ok' }) : c.json({ status: 'unhealthy', reason: state.reason }, 503);
  });
  app.get('/readyz', async (c) => {
    try {
      const state = health();
      if (!state.ok) return c.json({ status: 'not ready', reason: state.reason }, 503);
      await withinDeadline(ctx.db.execute(sql`select 1 from deliveries limit 1`), READY_DEADLINE_MS, 'readiness check');
      // Which model classifies, and why not the trained one when it could not be read (classifier helper's field).
      return c.json({ status: 'ready', ...(ctx.classifier.status ? { classifier: ctx.classifier.status() } : {}) });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'not ready: database unavailable');
      return c.json({ status: 'not ready', reason: 'database unavailable' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    if (metricsToken && !bearerMatches(c.req.header('authorization'), metricsToken)) {
      return c.json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' }, 401, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    return c.text(await metrics.render(), 200, { 'content-type': metrics.contentType });
  });
  for (const add of extend) add(app);
  if (web) mountWeb(app, web);
  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      ctx.logger.warn({ err: error, path: c.req.path }, 'database unavailable');
      return c.json({ error: 'the database is unavailable; try again shortly' }, 503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    }
    ctx.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
