import { evaluatePredictions, type Prediction } from './metrics.js';

export interface GroupScores {
  groups: { group: string; macroF1: number; count: number }[];
  /** The mean of the groups' macro-F1, each group counting once (NLBSE'24's per-repository metric). */
  mean: number;
}

/** Macro-F1 within each group of predictions (say, per repository), and their mean. */
export function scoreGroups(predictions: readonly (Prediction & { group: string })[]): GroupScores {
  const byGroup = new Map<string, Prediction[]>();
  for (const p of predictions) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const groups = [...byGroup]
    .map(([group, rows]) => ({ group, macroF1: evaluatePredictions(rows).macroF1, count: rows.length }))
    .sort((a, b) => a.group.localeCompare(b.group));
  return { groups, mean: groups.length === 0 ? 0 : groups.reduce((total, g) => total + g.macroF1, 0) / groups.length };
}
