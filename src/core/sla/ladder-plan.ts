import type { WorkDuration } from '../../config/sla-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addWorkDuration } from './business-time.js';

/** Who hears about a breach, in order: the team's channel, its on-call, the community's ambassador, leadership. */
export const LADDER_STEPS = ['team', 'oncall', 'ambassador', 'leadership'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

export interface LadderState {
  /** The missed deadline the ladder climbs for. */
  dueAt: Date;
  /** Steps already taken for this deadline, and when. */
  done: ReadonlyMap<string, Date>;
  /** Steps that mean something here (no on-call configured, no ambassador: skipped). */
  applicable: ReadonlySet<LadderStep>;
  delays: Record<LadderStep, WorkDuration | 'off'>;
  calendar: BusinessCalendar;
  now: Date;
}

/**
 * The steps to take now, in order. Each step's delay counts in business time from when the step before it was
 * actually taken, so after downtime the ladder resumes where it stopped, one spaced step at a time: nothing is
 * skipped, nothing repeated, and nobody is paged three times in one minute because the bot was down.
 */
export function dueLadderSteps(state: LadderState): LadderStep[] {
  const steps: LadderStep[] = [];
  let previous = state.dueAt;
  for (const step of LADDER_STEPS) {
    const delay = state.delays[step];
    if (delay === 'off' || !state.applicable.has(step)) continue;
    const done = state.done.get(step);
    if (done) {
      previous = done;
      continue;
    }
    if (addWorkDuration(state.calendar, previous, delay) > state.now) break;
    steps.push(step);
    previous = state.now;
  }
  return steps;
}

/** The ledger key of one step for one missed deadline: the unique index makes each step happen once. */
export function ladderKeyPrefix(routingId: number, target: string, dueAt: Date): string {
  return `sla_ladder:${routingId}:${target}:${dueAt.toISOString()}:`;
}
