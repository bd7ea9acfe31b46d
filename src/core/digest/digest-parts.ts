import type { DigestReport } from '../build-digest.js';

/** JSON-safe copy for the outbox (dates become ISO strings, as presenters expect). */
export const plain = <T>(value: T) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** What a digest thread posts, part by part, as stored in the outbox and drawn by every presenter. */
export interface DigestParts {
  /** The leadership thread's first message; absent for a team digest. */
  summary?: Record<string, unknown>;
  /** One per team: its figures and its missed targets. */
  teams: Record<string, unknown>[];
  silos: Record<string, unknown>;
}

/** Splits a digest report into its thread's parts: the payloads publishDigest enqueues and the archive previews. */
export function digestParts(report: DigestReport): DigestParts {
  const period = report.period.key;
  const silos = { period, asOf: report.asOf.toISOString(), items: report.items.current.items, timezone: report.period.timezone, ...plain(report.silos) };
  const teams = report.teams.map((team) => ({ ...plain(team), period, breaches: plain(report.breaches.filter((b) => b.team === team.team)) }));
  if (report.team !== undefined) return { teams, silos };
  const summary = { ...plain({ organisation: report.organisation, period: report.period, previousPeriod: report.previousPeriod, asOf: report.asOf, running: report.running, items: report.items, totals: report.totals, handoffs: report.handoffs, teams: report.teams, notRouted: report.notRouted }), silos: report.silos.counts };
  return { summary, teams, silos };
}
