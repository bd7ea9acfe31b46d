import type { Config } from 'vega-lite';

/** Fonts for a chart drawn in a page (the reader's own sans-serif) or into a PNG (the shipped font). */
export type ChartTarget = 'page' | 'png';
const FONTS: Record<ChartTarget, string> = { page: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif', png: 'DejaVu Sans' };

/**
 * Colours with enough contrast on white (every one at least 3:1, WCAG's bar for graphics), ordered so that
 * neighbours in a stack differ in lightness as well as hue.
 */
export const CATEGORY_COLOURS = ['#1f6fb2', '#c2571a', '#2f8f4e', '#8a4fb5', '#b8860b', '#c23b5a', '#4b6478', '#7a7a7a'];
export const SENTIMENT_COLOURS = { negative: '#c23b3b', neutral: '#7a7a7a', positive: '#2f8f4e' } as const;
export const OUTCOME_COLOURS = { resolved: '#2f8f4e', declined: '#8a4fb5', inProgress: '#1f6fb2', untouched: '#c23b3b' } as const;
export const TARGET_COLOUR = '#b3261e';

export function chartConfig(target: ChartTarget): Config {
  const font = FONTS[target];
  return {
    font,
    background: '#ffffff',
    view: { stroke: null },
    axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#333333', titleColor: '#333333', gridColor: '#e6e6e6', domainColor: '#888888', tickColor: '#888888' },
    legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal', symbolType: 'square' },
    title: { fontSize: 15, fontWeight: 'bold', anchor: 'start', color: '#1a1a1a', subtitleFontSize: 12, subtitleColor: '#555555', offset: 10 },
    header: { labelFontSize: 12, titleFontSize: 12 },
  };
}

/** A page shows the chart's title and description in HTML beside it; only an image carries its own title. */
export function chartTitle(target: ChartTarget, text: string, subtitle?: string) {
  return target === 'png' ? { title: { text, ...(subtitle ? { subtitle } : {}) } } : {};
}
