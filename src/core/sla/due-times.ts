import type { LiaisonConfig, Priority } from '../../config/schema.js';

export interface DueTimes {
  acknowledgeDueAt: Date | null;
  resolveDueAt: Date | null;
}

type Targets = { acknowledge?: number; resolve?: number };

/** The tighter of two targets: a community's or a priority's promise can only shorten a team's. */
function tighter(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** The SLA targets that apply to a routing: the team's, tightened by its community's and by the item's priority. */
export function slaTargets(config: LiaisonConfig, team: string, community: string, priority: Priority): Targets {
  const layers: (Targets | undefined)[] = [config.teams[team]?.sla, config.communities[community]?.sla, config.escalation.sla[priority]];
  return layers.reduce<Targets>((acc, layer) => ({ acknowledge: tighter(acc.acknowledge, layer?.acknowledge), resolve: tighter(acc.resolve, layer?.resolve) }), {});
}

export function dueTimes(config: LiaisonConfig, team: string, community: string, priority: Priority, from: Date): DueTimes {
  const targets = slaTargets(config, team, community, priority);
  const at = (ms: number | undefined) => (ms === undefined ? null : new Date(from.getTime() + ms));
  return { acknowledgeDueAt: at(targets.acknowledge), resolveDueAt: at(targets.resolve) };
}
