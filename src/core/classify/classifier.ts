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
  /** Calibrated at training time: true when `confidence` is below the model's "unsure" threshold. */
  unsure?: boolean;
  /** Calibrated at training time: how likely the text is out of scope (chatter, off-topic), and whether that passes the model's out-of-scope threshold. */
  outOfScope?: { score: number; confident: boolean };
}

/** Classifies feedback text. Pure and synchronous: no network, no I/O, so capture stays fast. */
export interface Classifier {
  classify(text: string): Classification;
}
