import type { Context } from '../../../core/context.js';
import { buildImpact } from '../../../core/impact/build-impact.js';
import { oneLine } from '../../../db/startup-error.js';
import { loadVega } from '../../charts/render-svg.js';
import { webLinks } from '../web-links.js';
import { impactPageBody } from './impact-page-body.js';

/**
 * Readies, in the background once the bot is ready, what the first leader's visit would otherwise pay for: the chart
 * modules, the running quarter's figures (its kept days read into this process, the teams' business calendars laid
 * out) and the home page's five charts, drawn once. A visit arriving meanwhile shares the work under way (the
 * modules, the kept days being read, a chart being drawn) rather than doing it twice. Start-up never waits for it;
 * a failure is one line in the log and costs only that visit's speed. Answers a stop for shutdown.
 */
export function warmUpImpact(ctx: Context): () => Promise<void> {
  let stopped = false;
  const started = performance.now();
  // After start-up's own work has run, so that it never delays readiness, intake or the outbox.
  const timer = setImmediate(() => {
    void (async () => {
      // Together: the modules load while the figures' queries wait on the database.
      const [, report] = await Promise.all([loadVega(), buildImpact(ctx, {})]);
      if (stopped) return;
      String(await impactPageBody(report, webLinks.items));
      ctx.logger.info({ ms: Math.round(performance.now() - started), period: report.period.key }, 'web app warmed up: the Impact page is ready');
    })().catch((error: unknown) => {
      if (!stopped) ctx.logger.warn({ reason: reasonOf(error) }, 'web app warm-up failed; the first Impact visit computes its figures itself');
    });
  });
  return async () => {
    stopped = true;
    clearImmediate(timer);
  };
}

/** The driver's words when drizzle wrapped them ("Failed query: " and the whole statement otherwise), on one line. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause : error;
  return oneLine(inner instanceof Error ? inner.message || (inner as { code?: string }).code || inner.name : String(inner), 200);
}
