import type { Category } from '../../config/schema.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Urgency = 'low' | 'normal' | 'high' | 'critical';

export interface Classification {
  category: Category;
  /** Probability-like score of `category`, 0..1. */
  confidence: number;
  /** Every category with its score, best first (the first is `category`). */
  alternatives: { category: Category; confidence: number }[];
  /** The words that weighed most for `category`, for the card's "why". */
  terms: string[];
  sentiment: Sentiment;
  /** -1 (very negative) .. 1 (very positive). */
  sentimentScore: number;
  urgency: Urgency;
  /** Identifies the model that produced this, e.g. "builtin-1" or "trained-7". */
  modelVersion: string;
  /** Teams learned from the ledger's corrections (pass-ons, re-categorisations), best first. */
  teams?: { team: string; confidence: number }[];
  /**
   * The organisation's own team for this text, from the team model trained on an exported history
   * (`liaison train --team <column>`); present only when its confidence passes that model's calibrated threshold.
   */
  learnedTeam?: { team: string; confidence: number; terms: string[] };
  /** Calibrated at training time: true when `confidence` is below the model's "unsure" threshold. */
  unsure?: boolean;
  /** Calibrated at training time: how likely the text is out of scope (chatter, off-topic), and whether that passes the model's out-of-scope threshold. */
  outOfScope?: { score: number; confident: boolean };
}

/** Which model classifies; `fallback` when the active stored model could not be read and the built-in one stands in. */
export interface ClassifierStatus {
  modelVersion: string;
  fallback?: { modelId: number; reason: string };
}

/** Classifies feedback text. Pure and synchronous: no network, no I/O, so capture stays fast. */
export interface Classifier {
  classify(text: string): Classification;
  /** For health checks (`/readyz`). */
  status?(): ClassifierStatus;
}
