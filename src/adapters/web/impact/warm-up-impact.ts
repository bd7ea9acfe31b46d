import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../../core/context.js';
import { buildImpact } from '../../../core/impact/build-impact.js';
import { oneLine } from '../../../db/startup-error.js';
import { loadVega } from '../../charts/render-svg.js';
import { webLinks } from '../web-links.js';
import { impactPageBody } from './impact-page-body.js';

/**
 * How long after start-up the warm-up waits: on a busy machine its second or so of CPU and its burst of queries,
 * run at once, held back the first readiness answers and sign-ins by seconds (`/readyz` 0.3–0.7 s → 1.4–2.8 s at
 * load 15). A leader who opens the page later than this after a restart finds it ready.
 */
export const WARM_UP_DELAY_MS = 2000;

/**
 * Readies, in the background a moment after the bot is ready, what the first leader's visit would otherwise pay
 * for: the chart modules, the running quarter's figures (its kept days read into this process, the teams' business
 * calendars laid out) and the home page's five charts, drawn once. A visit arriving meanwhile shares the work under
 * way (the modules, the kept days being read, a chart being drawn) rather than doing it twice. Start-up never waits
 * for it; a failure is one line in the log and costs only the first visit's speed. Answers a stop for shutdown.
 */
export function warmUpImpact(ctx: Context, delayMs = WARM_UP_DELAY_MS): () => Promise<void> {
  const abort = new AbortController();
  const since = (from: number) => Math.round(performance.now() - from);
  void (async () => {
    await sleep(delayMs, undefined, { signal: abort.signal, ref: false });
    const started = performance.now();
    // Together: the modules load while the figures' queries wait on the database.
    let modulesMs = 0;
    let figuresMs = 0;
    const [, report] = await Promise.all([loadVega().then(() => (modulesMs = since(started))), buildImpact(ctx, {}).finally(() => (figuresMs = since(started)))]);
    if (abort.signal.aborted) return;
    // A turn of the event loop between the steps, for whatever arrived meanwhile (an intake post, a readiness probe).
    await new Promise((resolve) => setImmediate(resolve));
    String(await impactPageBody(report, webLinks.items));
    if (abort.signal.aborted) return;
    ctx.logger.info({ ms: since(started), modulesMs, figuresMs, period: report.period.key }, 'web app warmed up: the Impact page is ready');
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) ctx.logger.warn({ reason: reasonOf(error) }, 'web app warm-up failed; the first Impact visit computes its figures itself');
  });
  return async () => abort.abort();
}

/** The driver's words when drizzle wrapped them ("Failed query: " and the whole statement otherwise), on one line. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause : error;
  return oneLine(inner instanceof Error ? inner.message || (inner as { code?: string }).code || inner.name : String(inner), 200);
}
