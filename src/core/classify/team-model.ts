import { DomainError } from '../errors.js';
import { calibrate } from './calibration.js';
import { outOfFold } from './cross-validate.js';
import { evaluatePredictions, type EvaluationReport } from './metrics.js';
import type { TeamExample } from './team-head.js';
import type { TextModel } from './text-model.js';
import type { DocumentTokens } from './tokenize.js';
import { trainTextModel, type LabelledText } from './train-text-model.js';

/**
 * The organisation's own teams, learnt from an exported history (a helpdesk or tracker CSV with a team column,
 * `liaison train --team`). Unlike the team head (team-head.ts), every row names its team, so there is no background
 * class: the model always has a best team, and `minConfidence` (calibrated like the category model's "unsure"
 * threshold) decides whether routing may use it.
 */
export interface TeamModel {
  model: TextModel;
  minConfidence: number;
  /** The CSV column it was trained from, for the record. */
  column: string;
}

/** Used when the model was fitted without cross-validation (`--no-cv`), so nothing was measured to choose one. */
export const DEFAULT_TEAM_CONFIDENCE = 0.6;
/** How many words or phrases explain a team on the card. */
const TERM_COUNT = 3;

export interface TeamTraining {
  teamModel: TeamModel;
  report?: EvaluationReport;
}

export function trainTeamModel(examples: readonly TeamExample[], column: string, options: { crossValidate?: boolean; folds?: number; seed?: number } = {}): TeamTraining {
  const labelled: LabelledText[] = examples.map((e) => ({ text: e.text, label: e.team }));
  const labels = [...new Set(labelled.map((e) => e.label))].sort();
  // With one team the model would send everything there, however unrelated.
  if (labels.length < 2) throw new DomainError('invalid_input', { reason: 'too_few_teams', details: { teams: labels } });
  const model = trainTextModel(labelled, { labels, balance: true });
  if (options.crossValidate === false) return { teamModel: { model, minConfidence: DEFAULT_TEAM_CONFIDENCE, column } };
  const oof = outOfFold(labelled, { labels, balance: true, folds: options.folds, seed: options.seed });
  const truth = labelled.map((e) => e.label);
  const report = evaluatePredictions(truth.map((t, i) => ({ truth: t, predicted: oof.predicted[i] as string })), labels);
  return { teamModel: { model, minConfidence: calibrate(truth, oof).unsure, column }, report };
}

export interface LearnedTeam {
  team: string;
  confidence: number;
  /** The words or phrases that pointed to this team. */
  terms: string[];
}

/** The team the model is confident about, or undefined. */
export function predictTeam(teamModel: TeamModel, text: string, document: DocumentTokens): LearnedTeam | undefined {
  const { model } = teamModel;
  const scores = document.cues === model.data.features.cues ? model.scoreDocument(document) : model.score(text);
  let best = 0;
  for (let i = 1; i < model.labels.length; i += 1) if ((scores.probabilities[i] as number) > (scores.probabilities[best] as number)) best = i;
  const confidence = Math.round((scores.probabilities[best] as number) * 1000) / 1000;
  if (confidence < teamModel.minConfidence) return undefined;
  return { team: model.labels[best] as string, confidence, terms: scores.explain(best, TERM_COUNT) };
}
