import type { TopLevelSpec } from 'vega-lite';
import type { ImpactReport } from '../../core/impact/build-impact.js';
import { CATEGORY_COLOURS, chartConfig, chartTitle, OUTCOME_COLOURS, SENTIMENT_COLOURS, TARGET_COLOUR, type ChartTarget } from './chart-theme.js';
import { categoryLabel, hours, OUTCOME_LABEL, percent, SENTIMENT_LABEL } from './chart-words.js';
import { renderSvg, type Chart } from './render-svg.js';
import { periodLabel, periodName } from './period-words.js';
import { weekLabel } from './week-label.js';

const WIDTH = 640;

/** Items per week, stacked by category. */
export async function volumeChart(report: ImpactReport, target: ChartTarget = 'page'): Promise<Chart> {
  const { categories, weeks } = report.volume;
  const values = weeks.flatMap((w) => categories.map((c, i) => ({ week: weekLabel(w.start, report.period.timezone), order: i, category: categoryLabel(c), items: w.byCategory[c]?.value ?? 0 })));
  const total = weeks.reduce((n, w) => n + w.total.value, 0);
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    width: WIDTH,
    height: 240,
    ...chartTitle(target, 'Feedback per week, by category', `${total} items captured`),
    description: `Stacked bars: items captured each week of ${periodLabel(report.period)}, split by category.`,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: null, title: 'Week starting', axis: { labelAngle: 0 } },
      y: { field: 'items', type: 'quantitative', title: 'Items', axis: { tickMinStep: 1 } },
      color: { field: 'category', type: 'nominal', title: null, sort: categories.map(categoryLabel), scale: { domain: categories.map(categoryLabel), range: CATEGORY_COLOURS } },
      order: { field: 'order' },
    },
  };
  return {
    id: 'volume',
    title: 'Feedback per week, by category',
    description: `${total === 1 ? '1 item was' : `${total} items were`} captured in ${periodLabel(report.period)}. The bars show each week’s items, split by category.`,
    svg: await renderSvg(spec),
    table: {
      caption: 'Items captured per week, by category',
      columns: ['Week starting', ...categories.map(categoryLabel), 'Total'],
      rows: weeks.map((w) => [weekLabel(w.start, report.period.timezone), ...categories.map((c) => String(w.byCategory[c]?.value ?? 0)), String(w.total.value)]),
    },
  };
}

/** The share of each week's items resolved by the end of the period. */
export async function resolutionChart(report: ImpactReport, target: ChartTarget = 'page'): Promise<Chart> {
  const values = report.volume.weeks.map((w) => ({ week: weekLabel(w.start, report.period.timezone), rate: w.total.value === 0 ? null : w.resolved.value / w.total.value }));
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    width: WIDTH,
    height: 180,
    ...chartTitle(target, 'Resolution rate', 'Share of each week’s items resolved by a team'),
    description: 'Line: the share of each week’s items that a team resolved.',
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 50 }, color: OUTCOME_COLOURS.resolved, strokeWidth: 2.5 },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: null, title: 'Week starting', axis: { labelAngle: 0 } },
      y: { field: 'rate', type: 'quantitative', title: 'Resolved', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
  };
  return {
    id: 'resolution',
    title: 'Resolution rate',
    description: 'The share of each week’s items that a team resolved, as of the end of the period.',
    svg: await renderSvg(spec),
    table: { caption: 'Items resolved per week', columns: ['Week starting', 'Items', 'Resolved', 'Share'], rows: report.volume.weeks.map((w) => [weekLabel(w.start, report.period.timezone), String(w.total.value), String(w.resolved.value), percent(w.resolved.value, w.total.value)]) },
  };
}

/** Each week's items by sentiment, as shares of the week. */
export async function sentimentChart(report: ImpactReport, target: ChartTarget = 'page'): Promise<Chart> {
  const kinds = ['negative', 'neutral', 'positive'] as const;
  const values = report.sentiment.weeks.flatMap((w) => kinds.map((k, i) => ({ week: weekLabel(w.start, report.period.timezone), order: i, sentiment: SENTIMENT_LABEL[k], items: w[k].value })));
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    width: WIDTH,
    height: 160,
    ...chartTitle(target, 'Sentiment over time', 'Share of each week’s items'),
    description: 'Stacked bars normalised to 100%: negative, neutral and positive items each week.',
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: null, title: 'Week starting', axis: { labelAngle: 0 } },
      y: { field: 'items', type: 'quantitative', stack: 'normalize', title: 'Share', axis: { format: '.0%' } },
      color: { field: 'sentiment', type: 'nominal', title: null, sort: kinds.map((k) => SENTIMENT_LABEL[k]), scale: { domain: kinds.map((k) => SENTIMENT_LABEL[k]), range: kinds.map((k) => SENTIMENT_COLOURS[k]) } },
      order: { field: 'order' },
    },
  };
  return {
    id: 'sentiment',
    title: 'Sentiment over time',
    description: 'For each week, the share of items that read as negative, neutral and positive.',
    svg: await renderSvg(spec),
    table: { caption: 'Items per week by sentiment', columns: ['Week starting', 'Negative', 'Neutral', 'Positive'], rows: report.sentiment.weeks.map((w) => [weekLabel(w.start, report.period.timezone), String(w.negative.value), String(w.neutral.value), String(w.positive.value)]) },
  };
}

/** What became of the period's items, next to the period before. */
export async function outcomesChart(report: ImpactReport, target: ChartTarget = 'page'): Promise<Chart> {
  const kinds = ['resolved', 'declined', 'inProgress', 'untouched'] as const;
  const rows = [{ label: periodName(report.period), o: report.outcomes.current }, { label: periodName(report.previousPeriod), o: report.outcomes.previous }];
  const values = rows.flatMap((r) => kinds.map((k, i) => ({ period: r.label, order: i, outcome: OUTCOME_LABEL[k], items: r.o[k].value })));
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    width: WIDTH,
    height: 90,
    ...chartTitle(target, 'What became of the items', 'This period and the one before, as each stood at its end'),
    description: 'Two bars split into resolved, declined, in progress and untouched items.',
    data: { values },
    mark: { type: 'bar', height: 26 },
    encoding: {
      y: { field: 'period', type: 'ordinal', sort: null, title: null, axis: { labelLimit: 240 } },
      x: { field: 'items', type: 'quantitative', stack: 'normalize', title: null, axis: { format: '.0%' } },
      color: { field: 'outcome', type: 'nominal', title: null, sort: kinds.map((k) => OUTCOME_LABEL[k]), scale: { domain: kinds.map((k) => OUTCOME_LABEL[k]), range: kinds.map((k) => OUTCOME_COLOURS[k]) } },
      order: { field: 'order' },
    },
  };
  return {
    id: 'outcomes',
    title: 'What became of the items',
    description: outcomeSentence(report),
    svg: await renderSvg(spec),
    table: { caption: 'Items by outcome', columns: ['Period', 'Items', ...kinds.map((k) => OUTCOME_LABEL[k])], rows: rows.map((r) => [r.label, String(r.o.items.value), ...kinds.map((k) => (r.o.items.value === 0 ? '0' : `${r.o[k].value} (${percent(r.o[k].value, r.o.items.value)})`))]) },
  };
}

/** "Of 54 items captured in 5 Oct – 29 Nov 2026: 20 resolved, 8 declined, 8 in progress and 18 untouched." */
function outcomeSentence(report: ImpactReport): string {
  const o = report.outcomes.current;
  const where = periodLabel(report.period);
  if (o.items.value === 0) return `No items were captured in ${where}.`;
  return `Of ${o.items.value === 1 ? 'the 1 item' : `${o.items.value} items`} captured in ${where}: ${o.resolved.value} resolved, ${o.declined.value} declined, ${o.inProgress.value} in progress and ${o.untouched.value} untouched.`;
}

/** Each team's median first response and resolution in business hours, with its SLA targets drawn as red ticks. */
export async function teamSpeedChart(report: ImpactReport, target: ChartTarget = 'page'): Promise<Chart> {
  const panel = (title: string, pick: 'first' | 'resolution') => ({
    title,
    width: 290,
    height: { step: 34 },
    data: { values: report.teams.map((t) => ({ team: t.name, median: hours(pick === 'first' ? t.medianFirstActionMs : t.medianResolutionMs), target: hours(pick === 'first' ? t.targets.acknowledgeMs : t.targets.resolveMs) })) },
    encoding: { y: { field: 'team', type: 'nominal' as const, sort: null, title: null } },
    layer: [
      { mark: { type: 'bar' as const, color: '#1f6fb2', height: 18 }, encoding: { x: { field: 'median', type: 'quantitative' as const, title: 'Business hours' } } },
      { mark: { type: 'tick' as const, color: TARGET_COLOUR, thickness: 3, size: 28 }, encoding: { x: { field: 'target', type: 'quantitative' as const } } },
      { mark: { type: 'text' as const, align: 'left' as const, dx: 4, fontSize: 11, color: '#333333' }, encoding: { x: { field: 'median', type: 'quantitative' as const }, text: { field: 'median', type: 'quantitative' as const, format: '.1f' } } },
    ],
  });
  const spec: TopLevelSpec = {
    config: chartConfig(target),
    ...chartTitle(target, 'Median time per team, in business hours', 'Bars: median this period · red ticks: the team’s SLA target'),
    description: 'For each team, the median business time to a first response and to a resolution, with the SLA targets.',
    hconcat: [panel('First response', 'first'), panel('Resolution', 'resolution')],
  };
  const h = (ms: number | null, none = 'none') => (ms === null ? none : `${hours(ms)} h`);
  return {
    id: 'team-speed',
    title: 'Median time per team, in business hours',
    description: 'For each team, the median business time to a first response and to a resolution, next to its SLA targets.',
    svg: await renderSvg(spec),
    table: {
      caption: 'Median business hours per team, and targets',
      columns: ['Team', 'First response', 'Target', 'Resolution', 'Target'],
      rows: report.teams.map((t) => [t.name, h(t.medianFirstActionMs), h(t.targets.acknowledgeMs, 'no target'), h(t.medianResolutionMs), h(t.targets.resolveMs, 'no target')]),
    },
  };
}

/** Every chart of the Impact page, drawn in parallel. */
export async function impactCharts(report: ImpactReport, target: ChartTarget = 'page'): Promise<Record<'volume' | 'resolution' | 'sentiment' | 'outcomes' | 'teamSpeed', Chart>> {
  const [volume, resolution, sentiment, outcomes, teamSpeed] = await Promise.all([volumeChart(report, target), resolutionChart(report, target), sentimentChart(report, target), outcomesChart(report, target), teamSpeedChart(report, target)]);
  return { volume, resolution, sentiment, outcomes, teamSpeed };
}
