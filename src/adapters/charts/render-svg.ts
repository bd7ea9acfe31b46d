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
 * Vega and Vega-Lite are loaded on the first chart, not at start: they cost about 30 MB of memory and 0.3 s, which
 * a bot that never draws a chart (no web app visitor, no leadership digest yet) should not pay.
 */
function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return modules;
}

/** Compiles a Vega-Lite spec and renders it to an SVG string on the server (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(spec).spec;
  // `renderer: 'none'` with toSVG: the scenegraph is drawn straight to a string; no DOM is needed.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
