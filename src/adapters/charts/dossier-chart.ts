import type { TopLevelSpec } from 'vega-lite';
import type { CommunityFigures } from '../../core/dossier/relationship-figures.js';
import { chartConfig, OUTCOME_COLOURS } from './chart-theme.js';
import { renderSvg, type Chart } from './render-svg.js';

const STATES = [['Resolved', 'resolved', OUTCOME_COLOURS.resolved], ['Declined', 'declined', OUTCOME_COLOURS.declined], ['Still open', 'open', OUTCOME_COLOURS.inProgress], ['Other', 'other', '#9a9a9a']] as const;

/** A community's (or a member's in one community) items per quarter, stacked by where they stand now. */
export async function dossierQuartersChart(figures: CommunityFigures, id: string): Promise<Chart> {
  const rows = figures.quarters.map((q) => ({ quarter: q.quarter, resolved: q.resolved, declined: q.declined, open: q.open, other: q.raised - q.resolved - q.declined - q.open, raised: q.raised }));
  const values = rows.flatMap((r) => STATES.map(([label, key], order) => ({ quarter: r.quarter.replace(/^(\d{4})-(Q\d)$/, '$2 $1'), state: label, order, items: r[key] })));
  const spec: TopLevelSpec = {
    config: chartConfig('page'),
    width: 520,
    height: 170,
    description: `Stacked bars: items raised in ${figures.community.name} per quarter, by where they stand now.`,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'quarter', type: 'ordinal', sort: null, title: null, axis: { labelAngle: 0 } },
      y: { field: 'items', type: 'quantitative', title: 'Items', axis: { tickMinStep: 1 } },
      color: { field: 'state', type: 'nominal', title: null, sort: STATES.map(([l]) => l), scale: { domain: STATES.map(([l]) => l), range: STATES.map(([, , c]) => c) } },
      order: { field: 'order' },
    },
  };
  return {
    id,
    title: `Raised per quarter · ${figures.community.name}`,
    description: `${figures.totals.raised} items in the last ${figures.quarters.length} quarters: ${figures.totals.resolved} resolved, ${figures.totals.declined} declined, ${figures.totals.open} still open.`,
    svg: await renderSvg(spec),
    table: {
      caption: `Items raised per quarter in ${figures.community.name}, by where they stand now`,
      columns: ['Quarter', 'Raised', 'Resolved', 'Declined', 'Still open'],
      rows: rows.map((r) => [r.quarter, String(r.raised), String(r.resolved), String(r.declined), String(r.open)]),
    },
  };
}
