import { z } from 'zod';
import { OUTCOMES } from '../items/item-outcome.js';

/** Events on a team's routings during the period, as the digest counts them. */
export const ROUTING_EVENTS = [
  'received', 'acknowledged', 'resolved', 'declined', 'passed_on', 'snoozed', 'first_action', 'resolution',
  'acknowledge_due', 'acknowledged_in_time', 'acknowledge_missed', 'resolve_due', 'resolved_in_time', 'resolve_missed',
  // Through the team's tracker: an issue created or linked, a routing its issue resolved.
  'became_issue', 'shipped',
] as const;
export type RoutingEvent = (typeof ROUTING_EVENTS)[number];

export const SILO_KINDS = ['fell_between', 'no_action', 'passed_around', 'acknowledged_not_resolved', 'untouched_past_sla'] as const;
export type SiloKind = (typeof SILO_KINDS)[number];

/**
 * Which items stand behind a figure. Every figure on the Impact and Silos pages carries one, and
 * `listFilteredItems` lists the items it names, so that every number links to its items.
 *
 * Two kinds of figure: about the items captured in the period (the cohort: volume, sentiment, outcomes, silos),
 * and about what teams did during the period (`routing` events, `from`/`to` hand-offs), whenever the item came in.
 */
export const ItemFilter = z.object({
  period: z.string().min(1),
  community: z.string().optional(),
  team: z.string().optional(),
  /** Cohort filters. */
  week: z.string().regex(/^\d{4}-W\d{2}$/).optional(),
  category: z.string().optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  silo: z.enum(SILO_KINDS).optional(),
  /** Event filters: what `team` (or any team) did in the period. */
  routing: z.enum(ROUTING_EVENTS).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type ItemFilter = z.infer<typeof ItemFilter>;

/** A count and the filter that lists what it counts. Item figures count items; routing figures count team assignments. */
export interface Figure {
  value: number;
  counts: 'items' | 'routings';
  filter: ItemFilter;
}

/** Keeps only the keys that are set, so that equal filters make equal links. */
export function filterOf(base: ItemFilter, extra: Partial<ItemFilter> = {}): ItemFilter {
  return Object.fromEntries(Object.entries({ ...base, ...extra }).filter(([, v]) => v !== undefined && v !== '')) as ItemFilter;
}

export const itemsFigure = (value: number, filter: ItemFilter): Figure => ({ value, counts: 'items', filter });
export const routingsFigure = (value: number, filter: ItemFilter): Figure => ({ value, counts: 'routings', filter });

/** A figure lists events when it names a routing event or a hand-off; otherwise it is about the period's items. */
export const isEventFilter = (filter: ItemFilter) => filter.routing !== undefined || filter.from !== undefined || filter.to !== undefined;
