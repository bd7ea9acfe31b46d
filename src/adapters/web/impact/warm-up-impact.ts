import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../../core/context.js';
import { buildImpact } from '../../../core/impact/build-impact.js';
import { oneLine } from '../../../db/startup-error.js';
import { loadVega } from '../../charts/render-svg.js';
import { webLinks } from '../web-links.js';
import { impactPageBody } from './impact-page-body.js';

type Body = Awaited<ReturnType<typeof impactPageBody>>;

/**
 * How long after the web server listens the warm-up waits, unless told otherwise: begun at once on a loaded machine,
 * its CPU held back the first readiness answers (`/readyz` 3.1–3.4 s after start with this wait, 6.2–13.2 s without
 * it, at load 19). A visit that arrives while it runs joins it.
 */
export const WARM_UP_DELAY_MS = 2000;
/**
 * The warm-up begins only in a quiet moment: the event loop busy less than this share of the time since the last
 * look. Its chart modules and charts take the loop for 0.1-0.35 s at a time, and at 200 intake posts/s begun 2 s
 * after listening (loop busy about half the time) they were the longest stalls of the first seconds, answers waiting
 * behind them. Under a burst that never quietens the first Impact visit computes its own page instead.
 */
const QUIET_SHARE = 0.25;

/** The share of time the event loop was busy since the last call (the first call: since it was made). */
function loopBusy(): () => number {
  let since = performance.eventLoopUtilization();
  return () => {
    const { utilization } = performance.eventLoopUtilization(since);
    since = performance.eventLoopUtilization();
    return utilization;
  };
}

/** The web app's warm-up, as the composition root starts it and the Impact page joins it. */
export interface ImpactWarmUp {
  /** Begins the warm-up (after `delayMs`); called once the web server listens. */
  start(): void;
  /**
   * While the warm-up is drawing the home page (the running quarter, whole organisation): the body it will have,
   * or undefined if it fails. Undefined before it begins and once it is done: a visit then draws its own page.
   */
  underWay(): Promise<Body | undefined> | undefined;
  /** Stops it for shutdown (nothing more is read or drawn, nothing logged). */
  stop(): Promise<void>;
}

/**
 * Readies in the background, a moment after the web server listens, what the first leader's visit would otherwise
 * pay for: the chart modules, the running quarter's figures (its kept days read into this process, the teams' business
 * calendars laid out) and the home page's five charts, drawn once. It gives way to other work between its steps (a
 * turn of the event loop each), so that readiness probes and sign-ins are answered meanwhile; a visit to the home page
 * arriving during it waits for its page rather than computing the same figures and charts a second time beside it
 * (its figures are then as of the warm-up's start, at most seconds before). Start-up never waits for it; a failure is
 * one line in the log and costs only the first visit's speed. `delayMs` holds it back after `start`, and as many
 * times again as the loop was busier than QUIET_SHARE meanwhile (`busy` says how busy, the event loop's utilization
 * unless a test gives it).
 */
export function impactWarmUp(ctx: Context, { delayMs = WARM_UP_DELAY_MS, busy }: { delayMs?: number; busy?: () => number } = {}): ImpactWarmUp {
  const abort = new AbortController();
  let page: Promise<Body | undefined> | undefined;
  let done = false;
  const since = (from: number) => Math.round(performance.now() - from);

  async function warmUp(): Promise<Body> {
    // Whatever start-up and the first probes still have to do goes first.
    await nextTurn(undefined, { signal: abort.signal });
    const started = performance.now();
    // Together: the modules load while the figures' queries wait on the database.
    let modulesMs = 0;
    let figuresMs = 0;
    const [, report] = await Promise.all([loadVega().then(() => (modulesMs = since(started))), buildImpact(ctx, {}).finally(() => (figuresMs = since(started)))]);
    abort.signal.throwIfAborted();
    await nextTurn(undefined, { signal: abort.signal });
    const body = await impactPageBody(report, webLinks.items);
    String(body);
    abort.signal.throwIfAborted();
    ctx.logger.info({ ms: since(started), modulesMs, figuresMs, period: report.period.key }, 'web app warmed up: the Impact page is ready');
    return body;
  }

  return {
    start() {
      void (async () => {
        // No delay (tests): no time to judge the loop by, and at once. Otherwise the loop is looked at once a delay.
        const busyShare = busy ?? loopBusy();
        if (delayMs > 0) {
          do {
            await sleep(delayMs, undefined, { signal: abort.signal, ref: false });
          } while (busyShare() >= QUIET_SHARE);
        }
        page = warmUp().catch((error: unknown) => {
          if (!abort.signal.aborted) ctx.logger.warn({ reason: reasonOf(error) }, 'web app warm-up failed; the first Impact visit computes its figures itself');
          return undefined;
        }).finally(() => (done = true));
      })().catch(() => {});
    },
    underWay: () => (done ? undefined : page),
    async stop() {
      abort.abort();
    },
  };
}

/** The driver's words when drizzle wrapped them ("Failed query: " and the whole statement otherwise), on one line. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause : error;
  return oneLine(inner instanceof Error ? inner.message || (inner as { code?: string }).code || inner.name : String(inner), 200);
}
