import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Context } from '../../core/context.js';
import { mountWeb } from '../web/web-app.js';
import type { WebDeps } from '../web/web-env.js';
import { mountIntake } from './intake-route.js';
import type { HttpMetrics } from './metrics.js';

export interface HttpAppOptions {
  ctx: Context;
  webhookSecrets: Map<string, string>;
  metrics: HttpMetrics;
  /** Other adapters (Slack's HTTP mode) add their routes here. */
  extend?: ((app: Hono) => void)[];
  /** The web app, mounted under `/` after everything else. */
  web?: WebDeps;
}

/** The HTTP surface: webhook intake, health for orchestrators, metrics for Prometheus, and the web app. */
export function createHttpApp({ ctx, webhookSecrets, metrics, extend = [], web }: HttpAppOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const stop = metrics.requests.startTimer();
    await next();
    stop({ route: c.req.routePath, status: String(c.res.status) });
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await ctx.db.execute(sql`select 1 from deliveries limit 1`);
      // Which model classifies, and why not the trained one when it could not be read (classifier helper's field).
      return c.json({ status: 'ready', ...(ctx.classifier.status ? { classifier: ctx.classifier.status() } : {}) });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'not ready: database unavailable');
      return c.json({ status: 'not ready', reason: 'database unavailable' }, 503);
    }
  });
  app.get('/metrics', async (c) => c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  mountIntake(app, ctx, webhookSecrets, metrics);
  for (const add of extend) add(app);
  if (web) mountWeb(app, web);
  app.onError((error, c) => {
    ctx.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
