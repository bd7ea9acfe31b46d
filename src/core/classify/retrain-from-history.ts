import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { collectHistoryExamples } from './collect-history-examples.js';
import { activeModelBasis, activeTeamModel, saveActiveModel } from './model-store.js';
import { originOf, trainClassifier, trainingMetrics, type TrainingOutcome } from './train-classifier.js';

export type RetrainResult =
  | { status: 'trained'; id: number; outcome: TrainingOutcome }
  | { status: 'skipped'; reason: 'no_corrections' | 'unchanged' };

export interface RetrainOptions {
  /** Retrain even when the ledger has nothing new since the active model. */
  force?: boolean;
  /** Cross-validate and keep the report (slower; the CLI does, a scheduled run need not). */
  crossValidate?: boolean;
}

/**
 * Folds the ledger's corrections into a new active model: the active model's imported examples (if it was trained
 * from a file) and the built-in ones, plus every correction so far. Cheap to call on a schedule: it does nothing when
 * no correction was made or undone since the active model was trained.
 */
export async function retrainFromHistory(db: Db, clock: Clock, options: RetrainOptions = {}): Promise<RetrainResult> {
  const basis = await activeModelBasis(db);
  const history = await collectHistoryExamples(db);
  if (!options.force) {
    if (basis && history.throughActionId <= basis.historyThroughActionId) return { status: 'skipped', reason: 'unchanged' };
    // With no corrections, there is nothing to add unless the active model learnt some that were undone since.
    const empty = history.categories.length === 0 && history.teams.length === 0;
    if (empty && (basis?.historyThroughActionId ?? 0) === 0) return { status: 'skipped', reason: 'no_corrections' };
  }
  const provenance = {
    builtin: basis?.builtin ?? true,
    historyThroughActionId: history.throughActionId,
    ...(basis?.importedFrom ? { importedFrom: basis.importedFrom } : {}),
  };
  const outcome = trainClassifier({ imported: basis?.examples ?? [], history, builtin: provenance.builtin }, { crossValidate: options.crossValidate ?? false });
  // The team model trained from an exported history (`liaison train --team`) is not in the ledger: keep it.
  const teamModel = await activeTeamModel(db);
  const id = await saveActiveModel(db, clock, {
    model: teamModel ? { ...outcome.model, teamModel } : outcome.model,
    origin: originOf(provenance, true),
    exampleCount: outcome.counts.total,
    metrics: trainingMetrics(outcome, provenance),
    ...(basis && basis.examples.length > 0 ? { examples: basis.examples } : {}),
  });
  return { status: 'trained', id, outcome };
}
