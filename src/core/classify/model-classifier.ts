import type { Category } from '../../config/schema.js';
import type { Classification, Classifier } from './classifier.js';
import { OUT_OF_SCOPE_LABEL } from './calibration.js';
import type { ClassifierModel } from './classifier-model.js';
import { sentimentOfWords } from './sentiment.js';
import { predictTeams } from './team-head.js';
import { predictTeam } from './team-model.js';
import { documentTokens } from './tokenize.js';
import { assessUrgency } from './urgency.js';

/** How many words or phrases are offered as the reason for a category: more than three reads as noise. */
const TERM_COUNT = 3;

/** A Classifier over one trained model, with the lexicon sentiment and the urgency rules alongside. */
export class ModelClassifier implements Classifier {
  private readonly noiseIndex: number;

  constructor(
    readonly model: ClassifierModel,
    readonly modelVersion: string,
  ) {
    this.noiseIndex = model.category.labels.indexOf(OUT_OF_SCOPE_LABEL);
  }

  classify(text: string): Classification {
    // Tokenised once for the category model, the team head and the sentiment: on a long post that is a third of the work.
    const document = documentTokens(text, this.model.category.data.features.cues);
    const scores = this.model.category.scoreDocument(document);
    const alternatives = this.model.category.labels
      .map((label, i) => ({ category: label as Category, confidence: round(scores.probabilities[i] as number) }))
      .sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category));
    const best = alternatives[0] as { category: Category; confidence: number };
    const { sentiment, score } = sentimentOfWords(document.tokens.slice(0, document.bodyLength));
    const teams = this.model.teams ? predictTeams(this.model.teams, text, document) : undefined;
    const learnedTeam = this.model.teamModel ? predictTeam(this.model.teamModel, text, document) : undefined;
    const { calibration } = this.model;
    const noise = this.noiseIndex >= 0 ? round(scores.probabilities[this.noiseIndex] as number) : undefined;
    return {
      category: best.category,
      confidence: best.confidence,
      alternatives,
      terms: scores.explain(this.model.category.labels.indexOf(best.category), TERM_COUNT),
      sentiment,
      sentimentScore: score,
      urgency: assessUrgency(text, best.category),
      modelVersion: this.modelVersion,
      ...(teams ? { teams } : {}),
      ...(learnedTeam ? { learnedTeam } : {}),
      ...(calibration ? { unsure: best.confidence < calibration.unsure } : {}),
      ...(calibration?.outOfScope !== undefined && noise !== undefined ? { outOfScope: { score: noise, confident: noise > calibration.outOfScope } } : {}),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
