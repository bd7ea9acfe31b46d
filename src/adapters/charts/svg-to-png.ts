import { fileURLToPath } from 'node:url';

/** Shipped with the project (assets/fonts, with its licence) so that images read the same on every machine. */
export const CHART_FONT = 'DejaVu Sans';
const fontFiles = (names: string[]) => names.map((name) => fileURLToPath(new URL(`../../../assets/fonts/${name}`, import.meta.url)));
const FULL_FONTS = fontFiles(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
/**
 * The same faces cut down to Latin, Greek, Cyrillic and common punctuation (assets/fonts/README.md says how).
 * resvg reads a face's layout tables for every text element; DejaVu's full tables made that most of an image's
 * time (about 45 texts: 145 ms against 38 ms on a loaded machine).
 */
const SUBSET_FONTS = fontFiles(['DejaVuSans-Subset.ttf', 'DejaVuSans-Bold-Subset.ttf']);
/** Anything outside the subset's ranges (a team named in Hebrew, say) is drawn with the full faces. */
const OUTSIDE_SUBSET = /[^\u0000-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f\u20a0-\u20cf\u2190-\u21ff\u2212]/u;

type Resvg = typeof import('@resvg/resvg-js').Resvg;
let resvg: Promise<Resvg> | undefined;

/**
 * Rasterises an SVG with resvg (a native renderer shipped prebuilt inside its npm package). System fonts are not
 * scanned: the shipped font is the only one, which keeps rendering fast and identical across machines.
 */
export async function svgToPng(svg: string, options: { width?: number } = {}): Promise<Buffer> {
  resvg ??= import('@resvg/resvg-js').then((m) => m.Resvg);
  const Renderer = await resvg;
  const renderer = new Renderer(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(svg), defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: '#ffffff',
  });
  return renderer.render().asPng();
}

/** The subset when it covers every character of the image (entities decoded by Vega already), else the full faces. */
export function chartFontFiles(svg: string): string[] {
  return OUTSIDE_SUBSET.test(svg) ? FULL_FONTS : SUBSET_FONTS;
}
