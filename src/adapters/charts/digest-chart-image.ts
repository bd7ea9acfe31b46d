import type { TopLevelSpec } from 'vega-lite';
import type { DigestChartData } from '../../core/impact/digest-chart-data.js';
import { chartConfig, OUTCOME_COLOURS, type ChartTarget } from './chart-theme.js';
import { percent } from './chart-words.js';
import { handoffLayers } from './handoff-heatmap.js';
import { renderSvg } from './render-svg.js';
import { svgToPng } from './svg-to-png.js';
import { weekLabel } from './week-label.js';

export interface DigestImage {
  png: Buffer;
  /** For people who cannot see the image: what it shows, in words and numbers. */
  altText: string;
  title: string;
  filename: string;
}

/**
 * The leadership digest's image, one PNG with two panels: feedback per week over the last twelve weeks with the
 * share resolved as a line, and this week's hand-offs between teams as a heatmap.
 */
export async function digestChartImage(chart: DigestChartData): Promise<DigestImage> {
  const png = await svgToPng(await renderSvg(digestChartSpec(chart, 'png')), { width: 1400 });
  return { png, altText: digestChartAlt(chart), title: `Feedback and hand-offs · ${chart.period}`, filename: `liaison-digest-${chart.period}.png` };
}

/** The same two panels as SVG, for the web app's digest archive. */
export async function digestChartSvg(chart: DigestChartData): Promise<string> {
  return renderSvg(digestChartSpec(chart, 'page'));
}

function digestChartSpec(chart: DigestChartData, target: ChartTarget): TopLevelSpec {
  const weeks = chart.weeks.map((w) => ({ week: weekLabel(w.start, chart.timezone), items: w.items, rate: w.items === 0 ? null : w.resolved / w.items }));
  const involved = new Set(chart.handoffs.flatMap((h) => [h.from, h.to]));
  const teams = chart.teams.filter((t) => involved.has(t.id) || chart.handoffs.length === 0);
  return {
    config: { ...chartConfig(target), concat: { spacing: 36 } },
    title: { text: `${chart.organisation} · feedback, last ${chart.weeks.length} weeks`, subtitle: `Digest ${chart.period} · as of ${chart.asOf.slice(0, 10)}` },
    padding: 16,
    vconcat: [
      {
        width: 620,
        height: 200,
        data: { values: weeks },
        encoding: { x: { field: 'week', type: 'ordinal', sort: null, title: 'Week starting', axis: { labelAngle: 0 } } },
        layer: [
          { mark: { type: 'bar', color: '#1f6fb2', width: { band: 0.7 } }, encoding: { y: { field: 'items', type: 'quantitative', title: 'Items captured', axis: { titleColor: '#1f6fb2', tickMinStep: 1 } } } },
          { mark: { type: 'line', color: OUTCOME_COLOURS.resolved, strokeWidth: 3, point: { filled: true, size: 60, color: OUTCOME_COLOURS.resolved } }, encoding: { y: { field: 'rate', type: 'quantitative', title: 'Share resolved', scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right', titleColor: OUTCOME_COLOURS.resolved, grid: false } } } },
        ],
        resolve: { scale: { y: 'independent' } },
      },
      chart.handoffs.length === 0
        ? { width: 620, height: 40, data: { values: [{ text: `No hand-offs between teams in ${chart.period}.` }] }, mark: { type: 'text', fontSize: 14, align: 'left', x: 0, y: 20 }, encoding: { text: { field: 'text' } } }
        : { title: { text: `Hand-offs between teams in ${chart.period}`, fontSize: 13 }, width: Math.min(520, 110 * teams.length), height: Math.min(300, 42 * teams.length), ...handoffLayers({ teams, cells: chart.handoffs }) },
    ],
  };
}

/** The image in words: the latest week against the first, and the busiest hand-off. */
/** "10 items, 40% resolved", "1 item, 0% resolved", "no items". */
const weekWords = (w: { items: number; resolved: number }) => (w.items === 0 ? 'no items' : `${w.items === 1 ? '1 item' : `${w.items} items`}, ${percent(w.resolved, w.items)} resolved`);

export function digestChartAlt(chart: DigestChartData): string {
  const last = chart.weeks.at(-1);
  const first = chart.weeks[0];
  const name = (id: string) => chart.teams.find((t) => t.id === id)?.name ?? id;
  const total = chart.handoffs.reduce((n, h) => n + h.count, 0);
  const busiest = [...chart.handoffs].sort((a, b) => b.count - a.count)[0];
  return [
    `Bar chart of feedback items per week for the last ${chart.weeks.length} weeks, with the share resolved as a line.`,
    last ? `Week of ${weekLabel(last.start, chart.timezone)}: ${weekWords(last)}${first && first !== last ? `; week of ${weekLabel(first.start, chart.timezone)}: ${weekWords(first)}` : ''}.` : '',
    total === 0 ? `No hand-offs between teams in ${chart.period}.` : `Heatmap of ${total === 1 ? '1 hand-off' : `${total} hand-offs`} between teams in ${chart.period}; the most, ${busiest?.count}, from ${name(busiest?.from ?? '')} to ${name(busiest?.to ?? '')}.`,
  ].filter(Boolean).join(' ');
}
