import { z } from 'zod';
import { CATEGORIES } from '../../config/schema.js';
import type { Context } from '../context.js';
import { parseInput } from '../parse-input.js';
import { asOfPeriod, periodFigures, sumTotals } from '../digest/period-figures.js';
import { previousPeriod, weeksOverlapping } from '../digest/period.js';
import type { TeamMetrics } from '../digest/team-metrics.js';
import { nominalMs } from '../sla/business-time.js';
import { slaPolicy } from '../sla/sla-policy.js';
import { periodCohortCells, type CohortCell } from './cohort-figures.js';
import { filterOf, itemsFigure, routingsFigure, type Figure, type ItemFilter } from './item-filter.js';
import { resolveImpactScope, type ReportFrame } from './impact-scope.js';
import { teamTrackerFigures, trackerFigures } from '../trackers/tracker-figures.js';

export const ImpactInput = z.object({
  /** Any period form (core/digest/period.ts); the running quarter when omitted. */
  period: z.string().optional(),
  team: z.string().optional(),
  community: z.string().optional(),
});
export type ImpactInput = z.input<typeof ImpactInput>;

export interface Outcomes { items: Figure; resolved: Figure; declined: Figure; inProgress: Figure; untouched: Figure }
export interface SiloShare { items: Figure; fellBetween: Figure; noAction: Figure; passedAround: Figure; acknowledgedNotResolved: Figure; untouchedPastSla: Figure }

export interface TeamImpact {
  team: string;
  name: string;
  /** Routing figures: this team's assignments, each linking to their items. */
  received: Figure; acknowledged: Figure; resolved: Figure; declined: Figure; passedOn: Figure;
  /** Business time on the team's calendar; `of` counts the routings measured. */
  medianFirstActionMs: number | null; firstActions: Figure;
  medianResolutionMs: number | null; resolutions: Figure;
  /** The team's own targets (normal priority, in the scope's community when filtered), in business time. */
  targets: { acknowledgeMs: number | null; resolveMs: number | null };
  attainment: { acknowledgeDue: Figure; acknowledgedInTime: Figure; resolveDue: Figure; resolvedInTime: Figure; medianLatenessMs: number | null };
  previous: Pick<TeamMetrics, 'received' | 'resolved' | 'medianFirstActionMs' | 'medianResolutionMs' | 'attainment'>;
  /** For a team with a tracker, as in the digest: items that became issues, and the wall-clock median from feedback to shipped. */
  tracker?: { issues: Figure; shipped: Figure; medianToShippedMs: number | null };
}

export interface ImpactReport extends ReportFrame {
  organisation: string;
  /** Items captured per local ISO week, split by category (only categories seen in the period, in config order). */
  volume: { categories: string[]; weeks: { week: string; start: Date; total: Figure; resolved: Figure; byCategory: Record<string, Figure> }[] };
  sentiment: { weeks: { week: string; start: Date; negative: Figure; neutral: Figure; positive: Figure }[] };
  outcomes: { current: Outcomes; previous: Outcomes };
  silos: { current: SiloShare; previous: SiloShare };
  /** Sales leads and churn risks captured in the period, and what became of them. */
  leads: { salesLeads: Outcomes; churnRisks: Outcomes };
  teams: TeamImpact[];
  /** Summed over teams: routings, so an item routed to two teams counts twice. */
  totals: { received: number; resolved: number; acknowledgeDue: number; acknowledgedInTime: number; resolveDue: number; resolvedInTime: number; previous: { received: number; resolved: number } };
  handoffs: { from: string; to: string; count: number; filter: ItemFilter }[];
}

const LEAD_CATEGORIES = { salesLeads: 'sales_lead', churnRisks: 'churn_risk' } as const;

/**
 * The Impact page's figures for a period, by community and team, against the period before: volume and sentiment
 * by week, outcomes, silos, leads and churn risks, and per team speed (business time), targets and attainment.
 * The per-team figures are the digest's (core/digest/period-figures.ts); every count names the items behind it.
 */
export async function buildImpact(ctx: Context, raw: ImpactInput = {}): Promise<ImpactReport> {
  const input = parseInput(ImpactInput, raw);
  const { period, scope, base, choices } = resolveImpactScope(ctx, input.period ?? 'quarter', input);
  // Everything at once, as of one moment: the team figures, the items' cohorts, the trackers.
  const now = ctx.clock.now();
  const { effective } = asOfPeriod(period, now);
  const [figures, cells, cellsBefore, issues] = await Promise.all([periodFigures(ctx, period, scope, { now }), periodCohortCells(ctx, effective, scope), periodCohortCells(ctx, previousPeriod(period), scope), trackerFigures(ctx.db, effective, scope)]);
  const before = filterOf(base, { period: figures.previousPeriod.key });
  const seen = new Set(cells.map((c) => c.category));
  const categories = [...CATEGORIES.filter((c) => seen.has(c)), ...[...seen].filter((c) => !(CATEGORIES as readonly string[]).includes(c)).sort()];
  const weeks = weeksOverlapping(period).filter((w) => w.start <= figures.asOf);
  const sumBy = (pick: (c: CohortCell) => boolean, field: keyof Omit<CohortCell, 'week' | 'category' | 'sentiment'>, from = cells) => from.filter(pick).reduce((n, c) => n + c[field], 0);
  const team = (t: (typeof figures.teams)[number]): TeamImpact => {
    const f = (extra: Partial<ItemFilter>) => filterOf(base, { team: t.team, ...extra });
    const m = t.metrics;
    const policy = slaPolicy(ctx.config, t.team, scope.community ?? '', 'normal');
    const target = (d: typeof policy.acknowledge) => (d === undefined ? null : nominalMs(policy.calendar, d));
    const tracker = teamTrackerFigures(ctx.config, issues, t.team);
    return {
      team: t.team,
      name: t.name,
      received: routingsFigure(m.received, f({ routing: 'received' })),
      acknowledged: routingsFigure(m.acknowledged, f({ routing: 'acknowledged' })),
      resolved: routingsFigure(m.resolved, f({ routing: 'resolved' })),
      declined: routingsFigure(m.declined, f({ routing: 'declined' })),
      passedOn: routingsFigure(m.passedOn, f({ routing: 'passed_on' })),
      medianFirstActionMs: m.medianFirstActionMs,
      firstActions: routingsFigure(m.firstActions ?? 0, f({ routing: 'first_action' })),
      medianResolutionMs: m.medianResolutionMs,
      resolutions: routingsFigure(m.resolutions ?? 0, f({ routing: 'resolution' })),
      targets: { acknowledgeMs: target(policy.acknowledge), resolveMs: target(policy.resolve) },
      attainment: {
        acknowledgeDue: routingsFigure(m.attainment.acknowledgeDue, f({ routing: 'acknowledge_due' })),
        acknowledgedInTime: routingsFigure(m.attainment.acknowledgedInTime, f({ routing: 'acknowledged_in_time' })),
        resolveDue: routingsFigure(m.attainment.resolveDue, f({ routing: 'resolve_due' })),
        resolvedInTime: routingsFigure(m.attainment.resolvedInTime, f({ routing: 'resolved_in_time' })),
        medianLatenessMs: m.attainment.medianLatenessMs,
      },
      previous: { received: t.previous.received, resolved: t.previous.resolved, medianFirstActionMs: t.previous.medianFirstActionMs, medianResolutionMs: t.previous.medianResolutionMs, attainment: t.previous.attainment },
      ...(tracker ? { tracker: { issues: itemsFigure(tracker.issues, f({ routing: 'became_issue' })), shipped: routingsFigure(tracker.shipped, f({ routing: 'shipped' })), medianToShippedMs: tracker.medianToShippedMs } } : {}),
    };
  };
  const totals = sumTotals(figures.teams.map((t) => t.metrics));
  const attained = (key: keyof TeamMetrics['attainment']) => figures.teams.reduce((n, t) => n + Number(t.metrics.attainment[key] ?? 0), 0);
  return {
    organisation: ctx.config.organisation.name,
    period,
    previousPeriod: figures.previousPeriod,
    asOf: figures.asOf,
    running: figures.asOf < period.end,
    scope,
    choices,
    volume: {
      categories,
      weeks: weeks.map((w) => ({
        week: w.key,
        start: w.start,
        total: itemsFigure(sumBy((c) => c.week === w.key, 'items'), filterOf(base, { week: w.key })),
        resolved: itemsFigure(sumBy((c) => c.week === w.key, 'resolved'), filterOf(base, { week: w.key, outcome: 'resolved' })),
        byCategory: Object.fromEntries(categories.map((category) => [category, itemsFigure(sumBy((c) => c.week === w.key && c.category === category, 'items'), filterOf(base, { week: w.key, category }))])),
      })),
    },
    sentiment: {
      weeks: weeks.map((w) => {
        const of = (sentiment: 'negative' | 'neutral' | 'positive') => itemsFigure(sumBy((c) => c.week === w.key && c.sentiment === sentiment, 'items'), filterOf(base, { week: w.key, sentiment }));
        return { week: w.key, start: w.start, negative: of('negative'), neutral: of('neutral'), positive: of('positive') };
      }),
    },
    outcomes: { current: outcomes(cells, base), previous: outcomes(cellsBefore, before) },
    silos: { current: siloShare(cells, base), previous: siloShare(cellsBefore, before) },
    leads: {
      salesLeads: outcomes(cells.filter((c) => c.category === LEAD_CATEGORIES.salesLeads), filterOf(base, { category: LEAD_CATEGORIES.salesLeads })),
      churnRisks: outcomes(cells.filter((c) => c.category === LEAD_CATEGORIES.churnRisks), filterOf(base, { category: LEAD_CATEGORIES.churnRisks })),
    },
    teams: figures.teams.map(team),
    totals: {
      received: totals.received, resolved: totals.resolved,
      acknowledgeDue: attained('acknowledgeDue'), acknowledgedInTime: attained('acknowledgedInTime'), resolveDue: attained('resolveDue'), resolvedInTime: attained('resolvedInTime'),
      previous: { received: sumTotals(figures.teams.map((t) => t.previous)).received, resolved: sumTotals(figures.teams.map((t) => t.previous)).resolved },
    },
    handoffs: figures.handoffs.map((h) => ({ ...h, filter: filterOf(base, { from: h.from, to: h.to }) })),
  };
}

function total(cells: CohortCell[], field: keyof Omit<CohortCell, 'week' | 'category' | 'sentiment'>): number {
  return cells.reduce((n, c) => n + c[field], 0);
}

function outcomes(cells: CohortCell[], base: ItemFilter): Outcomes {
  return {
    items: itemsFigure(total(cells, 'items'), base),
    resolved: itemsFigure(total(cells, 'resolved'), filterOf(base, { outcome: 'resolved' })),
    declined: itemsFigure(total(cells, 'declined'), filterOf(base, { outcome: 'declined' })),
    inProgress: itemsFigure(total(cells, 'inProgress'), filterOf(base, { outcome: 'in_progress' })),
    untouched: itemsFigure(total(cells, 'untouched'), filterOf(base, { outcome: 'untouched' })),
  };
}

function siloShare(cells: CohortCell[], base: ItemFilter): SiloShare {
  return {
    items: itemsFigure(total(cells, 'items'), base),
    fellBetween: itemsFigure(total(cells, 'fellBetween'), filterOf(base, { silo: 'fell_between' })),
    noAction: itemsFigure(total(cells, 'noAction'), filterOf(base, { silo: 'no_action' })),
    passedAround: itemsFigure(total(cells, 'passedAround'), filterOf(base, { silo: 'passed_around' })),
    acknowledgedNotResolved: itemsFigure(total(cells, 'acknowledgedNotResolved'), filterOf(base, { silo: 'acknowledged_not_resolved' })),
    untouchedPastSla: itemsFigure(total(cells, 'untouchedPastSla'), filterOf(base, { silo: 'untouched_past_sla' })),
  };
}
