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
/** The subset's code point ranges; anything outside (a team named in Hebrew, say) is drawn with the full faces. */
const SUBSET_RANGES: [number, number][] = [[0x0000, 0x024f], [0x0300, 0x036f], [0x0370, 0x03ff], [0x0400, 0x04ff], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x2190, 0x21ff], [0x2212, 0x2212]];
const inSubset = (char: string) => {
  const code = char.codePointAt(0) as number;
  return SUBSET_RANGES.some(([from, to]) => code >= from && code <= to);
};

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
  for (const char of svg) if (char.charCodeAt(0) > 0x7f && !inSubset(char)) return FULL_FONTS;
  return SUBSET_FONTS;
}
