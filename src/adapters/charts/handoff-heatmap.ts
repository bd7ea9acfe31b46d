import type { TopLevelSpec } from 'vega-lite';
import { chartConfig, chartTitle, type ChartTarget } from './chart-theme.js';
import { renderSvg, type Chart } from './render-svg.js';

export interface HandoffData {
  teams: { id: string; name: string }[];
  cells: { from: string; to: string; count: number }[];
}

/** The heatmap's layer spec (rows: from team, columns: to team), shared by the Silos page and the digest's image. */
export function handoffLayers(data: HandoffData) {
  const name = (id: string) => data.teams.find((t) => t.id === id)?.name ?? id;
  const names = data.teams.map((t) => t.name);
  const values = data.teams.flatMap((from) => data.teams.filter((to) => to.id !== from.id).map((to) => ({ from: from.name, to: to.name, count: data.cells.find((c) => c.from === from.id && c.to === to.id)?.count ?? 0 })));
  for (const c of data.cells) if (!values.some((v) => v.from === name(c.from) && v.to === name(c.to))) values.push({ from: name(c.from), to: name(c.to), count: c.count });
  const max = Math.max(1, ...values.map((v) => v.count));
  return {
    data: { values },
    encoding: {
      x: { field: 'to', type: 'nominal' as const, sort: names, title: 'Passed to', axis: { orient: 'top' as const, labelAngle: 0 } },
      y: { field: 'from', type: 'nominal' as const, sort: names, title: 'Passed from' },
    },
    layer: [
      { mark: { type: 'rect' as const, stroke: '#ffffff', strokeWidth: 2 }, encoding: { color: { condition: { test: 'datum.count === 0', value: '#f3f4f6' }, field: 'count', type: 'quantitative' as const, title: 'Hand-offs', scale: { scheme: 'oranges', domain: [0, max] }, legend: null } } },
      { mark: { type: 'text' as const, fontSize: 13 }, encoding: { text: { field: 'count', type: 'quantitative' as const }, color: { condition: { test: `datum.count > ${max / 2}`, value: '#ffffff' }, value: '#1a1a1a' } } },
    ],
  };
}

/** Who handed items to whom: one cell per pair of teams, darker for more hand-offs. */
export async function handoffHeatmap(data: HandoffData, target: ChartTarget = 'page', subtitle?: string): Promise<Chart> {
  const total = data.cells.reduce((n, c) => n + c.count, 0);
  const size = Math.max(1, data.teams.length);
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    ...chartTitle(target, 'Hand-offs between teams', subtitle),
    description: 'Heatmap: rows are the team that passed items on, columns the team that received them.',
    width: Math.min(520, 110 * size),
    height: Math.min(400, 46 * size),
    ...handoffLayers(data),
  };
  const name = (id: string) => data.teams.find((t) => t.id === id)?.name ?? id;
  const busiest = [...data.cells].sort((a, b) => b.count - a.count)[0];
  return {
    id: 'handoffs',
    title: 'Hand-offs between teams',
    description: total === 0 ? 'No team passed an item to another.' : `${total} hand-offs; the most, ${busiest?.count}, from ${name(busiest?.from ?? '')} to ${name(busiest?.to ?? '')}.`,
    svg: await renderSvg(spec),
    table: { caption: 'Hand-offs from team to team', columns: ['From', 'To', 'Hand-offs'], rows: data.cells.map((c) => [name(c.from), name(c.to), String(c.count)]) },
  };
}
