import { fileURLToPath } from 'node:url';

/** Shipped with the project (assets/fonts, with its licence) so that images read the same on every machine. */
export const CHART_FONT = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => fileURLToPath(new URL(`../../../assets/fonts/${name}`, import.meta.url)));

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
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    background: '#ffffff',
  });
  return renderer.render().asPng();
}
