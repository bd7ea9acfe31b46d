import type { TopLevelSpec } from 'vega-lite';

/** A drawn chart and what stands behind it for people who cannot see it. */
export interface Chart {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows (alt text, `aria-describedby`). */
  description: string;
  svg: string;
  /** The chart's numbers as a table for screen readers: the page shows it or hides it visually. */
  table: { caption: string; columns: string[]; rows: string[][] };
}

type VegaModules = { vega: typeof import('vega'); vegaLite: typeof import('vega-lite') };
let modules: Promise<VegaModules> | undefined;

/**
 * Vega and Vega-Lite are loaded on the first chart, not at start: they cost about 25 MB of memory and 0.2 s of CPU,
 * which a process that never draws a chart (a worker, a CLI command) should not pay. A web process loads them in the
 * background once it is ready (web/impact/warm-up-impact.ts).
 */
export function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return modules;
}

/**
 * The last charts drawn, by spec: a chart is a pure function of its spec, and the pages of a period that is over
 * (their figures kept, core/digest/closed-period-cache.ts) ask for the same five charts on every visit, each some
 * 100 ms of CPU. A few dozen SVGs of 10 to 100 KB.
 */
const DRAWN_KEPT = 40;
const drawn = new Map<string, Promise<string>>();

/**
 * Starts loading the chart modules without waiting for them: a page calls it before its figures' queries, so that
 * the loading overlaps their wait on the database. A failure surfaces when the chart is drawn.
 */
export function preloadCharts(): void {
  loadVega().catch(() => {});
}

/** Compiles a Vega-Lite spec and renders it to an SVG string on the server (no browser, no canvas). */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec);
  const known = drawn.get(key);
  if (known) {
    // Most recently used last, so that the oldest is the one dropped.
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const svg = draw(spec);
  drawn.set(key, svg);
  svg.catch(() => drawn.delete(key));
  if (drawn.size > DRAWN_KEPT) drawn.delete(drawn.keys().next().value as string);
  return svg;
}

async function draw(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(spec).spec;
  // `renderer: 'none'` with toSVG: the scenegraph is drawn straight to a string; no DOM is needed. Errors only:
  // Vega warns "Infinite extent" on the console for every chart of an empty week, which is a normal state here.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
