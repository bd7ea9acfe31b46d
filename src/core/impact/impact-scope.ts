import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { readPeriod, type Period } from '../digest/period.js';
import type { Scope } from '../digest/scope.js';
import { filterOf, type ItemFilter } from './item-filter.js';

/** What every page's read model starts with: its period against the one before, and the scope it was asked for. */
export interface ReportFrame {
  period: Period;
  previousPeriod: Period;
  asOf: Date;
  /** The period is still running: its figures are as of now. */
  running: boolean;
  scope: Scope;
  /** What the scope can be set to, for the page's filter controls. */
  choices: { teams: { id: string; name: string }[]; communities: { id: string; name: string }[] };
}

export interface ImpactScope {
  period: Period;
  scope: Scope;
  /** The filter every figure of the page starts from: the period and the scope. */
  base: ItemFilter;
  choices: { teams: { id: string; name: string }[]; communities: { id: string; name: string }[] };
}

/** Reads the period and checks the team and community against the config: an unknown one is a user error. */
export function resolveImpactScope(ctx: Context, periodKey: string, input: { team?: string; community?: string }): ImpactScope {
  const period = readPeriod(periodKey, ctx.config.timezone, ctx.clock.now());
  if (input.team !== undefined && !(input.team in ctx.config.teams)) throw new DomainError('not_found', { reason: 'unknown_team', details: { team: input.team, field: 'team', given: input.team } });
  if (input.community !== undefined && !(input.community in ctx.config.communities)) throw new DomainError('not_found', { reason: 'unknown_community', details: { community: input.community, field: 'community', given: input.community } });
  const scope: Scope = { team: input.team, community: input.community };
  return {
    period,
    scope,
    base: filterOf({ period: period.key, team: input.team, community: input.community }),
    choices: {
      teams: Object.entries(ctx.config.teams).map(([id, t]) => ({ id, name: t.name ?? id })),
      communities: Object.entries(ctx.config.communities).map(([id, c]) => ({ id, name: c.name ?? id })),
    },
  };
}
