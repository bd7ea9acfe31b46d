import { seededRandom, shuffleInPlace } from './random.js';
import type { TextModel } from './text-model.js';
import type { DocumentTokens } from './tokenize.js';
import { trainTextModel, type LabelledText } from './train-text-model.js';

/**
 * The team head learns which team ends up with an item from the ledger's hand-offs. It is conservative by design,
 * because a wrong team costs a hand-off, while no suggestion just leaves routing to the rules:
 * - a team becomes a class only with at least MIN_TEAM_EXAMPLES corrections towards it;
 * - every other kind of feedback (the category training texts) forms a background class, "no learned team";
 * - a team is suggested only when its probability is at least MIN_TEAM_CONFIDENCE.
 */
export const MIN_TEAM_EXAMPLES = 3;
export const MIN_TEAM_CONFIDENCE = 0.6;
export const BACKGROUND = '_other';
/** Enough background to describe "everything else" without letting a large imported file swamp the few corrections. */
const MAX_BACKGROUND = 800;
/**
 * Corrections are few, so each counts as several texts: together a team's corrections weigh about half as much as
 * the whole background, and one correction never more than MAX_TEAM_WEIGHT texts. Measured with five corrections, a
 * cap of 20 left a new text on the same subject below the confidence threshold, while unrelated texts stayed near 0
 * with a cap of 50 or 100. (Repeating examples instead of weighting them would distort the IDF of their words.)
 */
const MAX_TEAM_WEIGHT = 50;

export interface TeamExample {
  text: string;
  team: string;
}

export interface TeamHead {
  model: TextModel;
  minConfidence: number;
}

export interface TeamPrediction {
  team: string;
  confidence: number;
}

export function trainTeamHead(examples: readonly TeamExample[], background: readonly string[]): TeamHead | undefined {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.team, (counts.get(e.team) ?? 0) + 1);
  const teams = [...counts].filter(([, n]) => n >= MIN_TEAM_EXAMPLES).map(([team]) => team).sort();
  if (teams.length === 0 || background.length === 0) return undefined;
  const sample = shuffleInPlace([...background], seededRandom(7)).slice(0, MAX_BACKGROUND);
  const training: LabelledText[] = sample.map((text) => ({ text, label: BACKGROUND }));
  for (const e of examples) {
    const n = counts.get(e.team) as number;
    if (n < MIN_TEAM_EXAMPLES) continue;
    training.push({ text: e.text, label: e.team, weight: Math.min(MAX_TEAM_WEIGHT, sample.length / (2 * n)) });
  }
  return { model: trainTextModel(training, { labels: [BACKGROUND, ...teams] }), minConfidence: MIN_TEAM_CONFIDENCE };
}

/** Teams the head is confident about, best first; undefined when it has no opinion. */
export function predictTeams(head: TeamHead, text: string, document?: DocumentTokens): TeamPrediction[] | undefined {
  const { probabilities } = document && document.cues === head.model.data.features.cues ? head.model.scoreDocument(document) : head.model.score(text);
  const teams = head.model.labels
    .map((team, i) => ({ team, confidence: round(probabilities[i] as number) }))
    .filter((p) => p.team !== BACKGROUND && p.confidence >= head.minConfidence)
    .sort((a, b) => b.confidence - a.confidence);
  return teams.length > 0 ? teams : undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
