import { EMPTY_METRICS, type TeamMetrics } from '../digest/team-metrics.js';
import type { LoadedBreach } from './list-breaches.js';

/** The middle value (the mean of the two middle ones for an even count), as SQL's percentile_cont(0.5). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/**
 * Puts business time into the SLA attainment the SQL aggregates computed on wall-clock timestamps: a target met
 * after its due time but with no working time in between counts as met, and lateness is the median business time
 * late over every target (first response and resolution) that fell due in the period and was missed.
 */
export function applyBusinessBreaches(metrics: Map<string, TeamMetrics>, breaches: LoadedBreach[]): void {
  const teams = new Set(breaches.filter((b) => b.dueInPeriod).map((b) => b.team));
  for (const team of teams) {
    if (!metrics.has(team)) metrics.set(team, structuredClone(EMPTY_METRICS));
    const m = metrics.get(team) as TeamMetrics;
    const mine = breaches.filter((b) => b.team === team && b.dueInPeriod);
    const met = (target: LoadedBreach['target']) => mine.filter((b) => b.target === target && b.metInBusinessTime).length;
    const metAcknowledge = met('acknowledge');
    const metResolve = met('resolve');
    m.attainment.acknowledgedInTime += metAcknowledge;
    m.attainment.resolvedInTime += metResolve;
    m.breaches = { acknowledge: m.breaches.acknowledge - metAcknowledge, resolve: m.breaches.resolve - metResolve };
    m.attainment.medianLatenessMs = median(mine.filter((b) => !b.metInBusinessTime).map((b) => b.lateByMs));
  }
}
