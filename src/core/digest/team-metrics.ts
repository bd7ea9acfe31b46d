import type { LiaisonConfig } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { concatenated, lateness } from '../sla/breach-parts.js';
import { median } from '../sla/business-durations.js';
import type { Period } from './period.js';
import type { Scope } from './scope.js';
import { teamMetricParts, type Acted, type SpanParts, type TeamParts } from './team-metric-parts.js';

export interface TeamMetrics {
  received: number;
  acknowledged: number;
  resolved: number;
  declined: number;
  passedOn: number;
  /** Routings whose reminders someone paused in the period (always set here; optional for payloads from before). */
  snoozed?: number;
  /** Median business time (on the team's calendar) from routing to the team's first response, for responses made in the period. */
  medianFirstActionMs: number | null;
  /** Median business time from routing to resolution, for resolutions in the period. */
  medianResolutionMs: number | null;
  /** How many first responses and resolutions the medians are taken over (optional for payloads from before). */
  firstActions?: number;
  resolutions?: number;
  breaches: { acknowledge: number; resolve: number };
  /** SLA attainment among routings whose target fell due in the period; lateness in business time (see core/sla/breach-parts.ts). */
  attainment: { acknowledgeDue: number; acknowledgedInTime: number; resolveDue: number; resolvedInTime: number; medianLatenessMs: number | null };
}

export const EMPTY_METRICS: TeamMetrics = {
  received: 0, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, snoozed: 0, medianFirstActionMs: null, medianResolutionMs: null, firstActions: 0, resolutions: 0,
  breaches: { acknowledge: 0, resolve: 0 }, attainment: { acknowledgeDue: 0, acknowledgedInTime: 0, resolveDue: 0, resolvedInTime: 0, medianLatenessMs: null },
};

/**
 * Per-team figures for a period as it stood at its end: one span's parts (core/digest/team-metric-parts.ts).
 * Actions later undone do not count, durations are business time on each team's calendar.
 */
export async function teamMetrics(db: DbOrTx, config: LiaisonConfig, period: Period, scope: Scope = {}): Promise<Map<string, TeamMetrics>> {
  return assembleTeamMetrics(config, [await teamMetricParts(db, config, period, scope, period.end)], period.end.getTime());
}

/**
 * Adds up the parts of consecutive spans into a period's figures, read at `endMs` (the period's end, or just after
 * now for one still running): the same numbers one query over the whole period would give.
 */
export function assembleTeamMetrics(config: LiaisonConfig, spans: SpanParts[], endMs: number): Map<string, TeamMetrics> {
  const byTeam = new Map<string, TeamParts[]>();
  for (const span of spans) for (const [team, parts] of Object.entries(span.teams)) byTeam.set(team, [...(byTeam.get(team) ?? []), parts]);
  const out = new Map<string, TeamMetrics>();
  for (const [team, all] of byTeam) {
    const sum = (pick: (p: TeamParts) => number) => all.reduce((n, p) => n + pick(p), 0);
    const united = (kind: Acted) => distinctCount(all.map((p) => p.acted[kind]));
    const firstActions = concatenated(all.map((p) => p.firstActionMs));
    const resolutions = concatenated(all.map((p) => p.resolutionMs));
    const due = { acknowledge: sum((p) => p.due.acknowledge), resolve: sum((p) => p.due.resolve) };
    const inTime = { acknowledge: sum((p) => p.due.acknowledgedInTime + p.breach.acknowledgeMet), resolve: sum((p) => p.due.resolvedInTime + p.breach.resolveMet) };
    const late = lateness(config, team, all.map((p) => p.breach), endMs);
    out.set(team, {
      received: sum((p) => p.received),
      acknowledged: united('acknowledged'), resolved: united('resolved'), declined: united('declined'), passedOn: united('passedOn'), snoozed: united('snoozed'),
      medianFirstActionMs: rounded(median(firstActions)), medianResolutionMs: rounded(median(resolutions)),
      firstActions: firstActions.length, resolutions: resolutions.length,
      breaches: { acknowledge: due.acknowledge - inTime.acknowledge, resolve: due.resolve - inTime.resolve },
      attainment: { acknowledgeDue: due.acknowledge, acknowledgedInTime: inTime.acknowledge, resolveDue: due.resolve, resolvedInTime: inTime.resolve, medianLatenessMs: median(late) },
    });
  }
  return out;
}

/** How many different IDs the lists hold together; a bitmap over their range when it is compact, else a set. */
export function distinctCount(lists: number[][]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of lists) for (const id of list) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  if (hi < lo) return 0;
  if (hi - lo > 64_000_000) return new Set(lists.flat()).size;
  const seen = new Uint8Array(Math.floor((hi - lo) / 8) + 1);
  let count = 0;
  for (const list of lists) for (const id of list) {
    const bit = id - lo;
    const mask = 1 << (bit & 7);
    const at = bit >> 3;
    if (((seen[at] as number) & mask) === 0) {
      seen[at] = (seen[at] as number) | mask;
      count += 1;
    }
  }
  return count;
}

const rounded = (v: number | null) => (v === null ? null : Math.round(v));
