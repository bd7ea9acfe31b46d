import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, chartFontFiles } from '../../src/adapters/charts/svg-to-png.js';

const svg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><text x="8" y="24" font-family="${CHART_FONT}" font-size="14">${text}</text><text x="8" y="48" font-family="${CHART_FONT}" font-weight="bold" font-size="14">${text}</text></svg>`;
const pixels = (image: string, fontFiles: string[]) =>
  new Resvg(image, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CHART_FONT }, background: '#ffffff' }).render().pixels;
const FULL = chartFontFiles(svg('שלום'));

describe('the fonts a chart image is drawn with', () => {
  it('uses the cut-down faces for Latin, Greek and Cyrillic text, and draws it exactly as the full faces do', () => {
    const image = svg('Équipe Öffentlichkeit · Ωμέγα – Поддержка “quoted” 12 % → 3 €');
    const subset = chartFontFiles(image);
    expect(subset).not.toEqual(FULL);
    expect(subset.every((file) => file.endsWith('-Subset.ttf'))).toBe(true);
    const drawn = pixels(image, subset);
    expect(drawn.equals(pixels(image, FULL))).toBe(true);
    // Text was drawn at all: the image is not blank white.
    expect(drawn.some((byte) => byte < 128)).toBe(true);
  });

  it('falls back to the full faces when a name is written in a script the cut-down ones lack', () => {
    expect(chartFontFiles(svg('Support · צוות תמיכה'))).toEqual(FULL);
    expect(FULL.every((file) => !file.endsWith('-Subset.ttf'))).toBe(true);
  });
});
