import { CATEGORIES } from '../../config/schema.js';
import type { ClassifierModel } from './classifier-model.js';
import { BUILTIN_CALIBRATION } from './builtin-calibration.js';
import { calibrate, type Calibration } from './calibration.js';
import { outOfFold } from './cross-validate.js';
import { builtinExamples, type CategoryExample } from './examples/index.js';
import { evaluatePredictions, type EvaluationReport } from './metrics.js';
import { BACKGROUND, trainTeamHead, type TeamExample } from './team-head.js';
import { trainTeamModel } from './team-model.js';
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
  /** Rows of an exported history with the team that handled each (`liaison train --team <column>`). */
  teamHistory?: { column: string; examples: readonly TeamExample[] };
}

export interface TrainingOptions {
  folds?: number;
  seed?: number;
  /**
   * Skip cross-validation (`--no-cv`, a scheduled retrain): no report, and the calibration is the built-in model's
   * when the built-in examples are in training, none otherwise.
   */
  crossValidate?: boolean;
  /** Each scored example's out-of-fold prediction, indexed like the scored examples (imported, then corrected). */
  onPrediction?: (index: number, predicted: string, confidence: number) => void;
}

export interface TrainingOutcome {
  model: ClassifierModel;
  report?: EvaluationReport;
  /** The team model's cross-validated report, when one was trained with cross-validation. */
  teamReport?: EvaluationReport;
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
 * Trains the category model on built-in + imported + corrected examples, the team head on the pass-on corrections
 * (with every category text as its background), and the team model on an exported history's team column. Cross-
 * validation predicts every example once, for the calibration; its report scores only the imported and corrected
 * examples when there are enough: that measures the model on the text the operator cares about.
 */
export function trainClassifier(input: TrainingInput, options: TrainingOptions = {}): TrainingOutcome {
  const builtin = input.builtin === false ? [] : builtinExamples();
  const imported = input.imported ?? [];
  const corrected = (input.history?.categories ?? []).map((e) => ({ ...e, weight: HISTORY_WEIGHT }));
  const scored = [...imported, ...corrected].map(toLabelled);
  const all = [...builtin.map(toLabelled), ...scored];
  if (all.length === 0) throw new Error('no examples to train on');
  const labels = CATEGORIES.filter((c) => all.some((e) => e.label === c));
  // The file's categories and the built-in ones differ in size (500 bugs, 60 sales leads): every category counts alike.
  const category = trainTextModel(all, { labels, balance: true });
  const teamExamples = input.history?.teams ?? [];
  const teams = trainTeamHead(teamExamples, all.map((e) => e.text));
  const evaluatedOn = scored.length >= MIN_EVALUATION_EXAMPLES ? 'imported_and_history' : 'all';
  let report: EvaluationReport | undefined;
  let calibration: Calibration | undefined = input.builtin === false ? undefined : BUILTIN_CALIBRATION;
  if (options.crossValidate !== false) {
    // Every example, built-in ones included, is predicted once by a model that did not see it: the calibration needs
    // chatter and feedback alike. The report scores the operator's own examples when there are enough of them.
    const oof = outOfFold(all, { folds: options.folds, seed: options.seed, labels, balance: true });
    const first = evaluatedOn === 'all' ? 0 : builtin.length;
    const truth = all.map((e) => e.label);
    report = evaluatePredictions(truth.slice(first).map((t, i) => ({ truth: t, predicted: oof.predicted[first + i] as string })), CATEGORIES);
    calibration = calibrate(truth, oof);
    const own = builtin.length;
    if (options.onPrediction) for (let i = own; i < all.length; i += 1) options.onPrediction(i - own, oof.predicted[i] as string, Math.max(...(oof.probabilities[i] as Float64Array)));
  }
  const teamTraining = input.teamHistory ? trainTeamModel(input.teamHistory.examples, input.teamHistory.column, options) : undefined;
  const teamCounts: Record<string, number> = {};
  for (const label of teams?.model.labels ?? []) {
    if (label !== BACKGROUND) teamCounts[label] = teamExamples.filter((e) => e.team === label).length;
  }
  return {
    model: {
      category,
      ...(teams ? { teams } : {}),
      ...(calibration ? { calibration } : {}),
      ...(teamTraining ? { teamModel: teamTraining.teamModel } : {}),
    },
    report,
    ...(teamTraining?.report ? { teamReport: teamTraining.report } : {}),
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
    ...(outcome.teamReport ? { teamCrossValidation: outcome.teamReport } : {}),
  };
}

export function originOf(provenance: ModelProvenance, usedHistory: boolean): string {
  const parts = [...(provenance.importedFrom ? [`file:${provenance.importedFrom}`] : []), ...(usedHistory ? ['history'] : [])];
  return parts.length > 0 ? parts.join('+') : 'builtin';
}
