import { CATEGORIES } from '../../config/schema.js';
import type { ClassifierModel } from './classifier-model.js';
import { crossValidate } from './cross-validate.js';
import { builtinExamples, type CategoryExample } from './examples/index.js';
import type { EvaluationReport } from './metrics.js';
import { BACKGROUND, trainTeamHead, type TeamExample } from './team-head.js';
import { trainTextModel, type LabelledText } from './train-text-model.js';

/** Labelled examples learnt from the ledger (collect-history-examples.ts). */
export interface HistoryExamples {
  categories: CategoryExample[];
  teams: TeamExample[];
  /** The newest ledger action behind these examples: a retrain can tell whether anything changed since. */
  throughActionId: number;
}

export interface TrainingInput {
  /** Examples from a file (`liaison train --data`). */
  imported?: readonly CategoryExample[];
  history?: HistoryExamples;
  /** Include the built-in examples (default): the model keeps knowing chatter, praise, churn... */
  builtin?: boolean;
}

export interface TrainingOptions {
  folds?: number;
  seed?: number;
  /** Skip cross-validation (a scheduled retrain does not print a report). */
  crossValidate?: boolean;
  /** Each scored example's out-of-fold prediction, indexed like the scored examples (imported, then corrected). */
  onPrediction?: (index: number, predicted: string) => void;
}

export interface TrainingOutcome {
  model: ClassifierModel;
  report?: EvaluationReport;
  /** Which examples the report scores: the imported and corrected ones, or (when too few) all of them. */
  evaluatedOn: 'imported_and_history' | 'all';
  counts: { builtin: number; imported: number; historyCategories: number; historyTeams: number; total: number };
  /** Teams the team head learnt, with how many corrections each. */
  teams: Record<string, number>;
}

/** A correction by a person about this community's own text says more than one more generic example. */
export const HISTORY_WEIGHT = 3;
/** Below this many imported + corrected examples, cross-validating on them alone says nothing. */
const MIN_EVALUATION_EXAMPLES = 25;

/**
 * Trains the category model on built-in + imported + corrected examples, and the team head on the pass-on
 * corrections (with every category text as its background). Cross-validation scores only the imported and corrected
 * examples when there are enough, with the built-in ones always in training: that measures the model on the text the
 * operator cares about, trained exactly as the final model is.
 */
export function trainClassifier(input: TrainingInput, options: TrainingOptions = {}): TrainingOutcome {
  const builtin = input.builtin === false ? [] : builtinExamples();
  const imported = input.imported ?? [];
  const corrected = (input.history?.categories ?? []).map((e) => ({ ...e, weight: HISTORY_WEIGHT }));
  const scored = [...imported, ...corrected].map(toLabelled);
  const all = [...builtin.map(toLabelled), ...scored];
  if (all.length === 0) throw new Error('no examples to train on');
  const labels = CATEGORIES.filter((c) => all.some((e) => e.label === c));
  const category = trainTextModel(all, { labels });
  const teamExamples = input.history?.teams ?? [];
  const teams = trainTeamHead(teamExamples, all.map((e) => e.text));
  const evaluatedOn = scored.length >= MIN_EVALUATION_EXAMPLES ? 'imported_and_history' : 'all';
  const cvOptions = { folds: options.folds, seed: options.seed, labels, labelOrder: CATEGORIES, onPrediction: options.onPrediction };
  const report =
    options.crossValidate === false
      ? undefined
      : evaluatedOn === 'imported_and_history'
        ? crossValidate(scored, { ...cvOptions, alwaysTrain: builtin.map(toLabelled) })
        : crossValidate(all, cvOptions);
  const teamCounts: Record<string, number> = {};
  for (const label of teams?.model.labels ?? []) {
    if (label !== BACKGROUND) teamCounts[label] = teamExamples.filter((e) => e.team === label).length;
  }
  return {
    model: teams ? { category, teams } : { category },
    report,
    evaluatedOn,
    counts: {
      builtin: builtin.length,
      imported: imported.length,
      historyCategories: corrected.length,
      historyTeams: teamExamples.length,
      total: all.length,
    },
    teams: teamCounts,
  };
}

function toLabelled(example: CategoryExample): LabelledText {
  return example.weight === undefined ? { text: example.text, label: example.category } : { text: example.text, label: example.category, weight: example.weight };
}

export interface ModelProvenance {
  builtin: boolean;
  historyThroughActionId: number;
  importedFrom?: string;
}

/** What is stored in `classifier_models.metrics`: the report, the counts, and what a later retrain needs to know. */
export function trainingMetrics(outcome: TrainingOutcome, provenance: ModelProvenance): Record<string, unknown> {
  return {
    ...provenance,
    counts: outcome.counts,
    teams: outcome.teams,
    evaluatedOn: outcome.evaluatedOn,
    ...(outcome.report ? { crossValidation: outcome.report } : {}),
  };
}

export function originOf(provenance: ModelProvenance, usedHistory: boolean): string {
  const parts = [...(provenance.importedFrom ? [`file:${provenance.importedFrom}`] : []), ...(usedHistory ? ['history'] : [])];
  return parts.length > 0 ? parts.join('+') : 'builtin';
}
