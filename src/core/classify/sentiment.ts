import type { Sentiment } from './classifier.js';
import { DAMPENERS, EMOJI_POLARITY, INTENSIFIERS, NEGATORS, POLARITY } from './sentiment-lexicon.js';
import { prepareText, tokenize } from './tokenize.js';

export interface SentimentResult {
  sentiment: Sentiment;
  /** -1 .. 1. */
  score: number;
}

/** How many words after "not" it still applies to: "not very happy", "doesn't really work". */
const NEGATION_REACH = 3;
/** A negated word counts for less than its opposite: "not great" is mildly negative, not terrible. */
const NEGATION_FACTOR = -0.6;
/** Squashes the sum of word scores into -1..1; larger means more evidence is needed to approach the ends. */
const SQUASH = 12;
/** Below this magnitude a text is neutral: a bug report that mentions "error" once is a report, not a rant. */
const NEUTRAL_BAND = 0.2;

/**
 * Lexicon and rules rather than a trained head: the built-in examples are labelled by category, not by tone, and a
 * lexicon is predictable and explains itself. Handles negation, intensifiers, "!" and emoji.
 */
export function analyseSentiment(text: string): SentimentResult {
  return sentimentOfWords(tokenize(prepareText(text)));
}

/** The same, from the words of a prepared text (tokenize.ts), when the caller has them already. */
export function sentimentOfWords(tokens: readonly string[]): SentimentResult {
  let total = 0;
  let negatedUntil = -1;
  let dampedUntil = -1;
  let exclamations = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (token === '!') exclamations += 1;
    if (NEGATORS.has(token)) {
      negatedUntil = i + NEGATION_REACH;
      continue;
    }
    if (DAMPENERS.has(token)) dampedUntil = i + 2;
    if (token === '.' || token === '?') negatedUntil = -1;
    let score = POLARITY.get(token) ?? EMOJI_POLARITY.get(token) ?? 0;
    if (score === 0) continue;
    const previous = tokens[i - 1];
    if (previous !== undefined) score *= INTENSIFIERS.get(previous) ?? 1;
    if (i <= negatedUntil) score *= NEGATION_FACTOR;
    else if (i <= dampedUntil && score > 0) score *= 0.3;
    total += score;
  }
  // "!" makes whatever tone there is stronger, up to a point; it adds no tone of its own.
  total *= 1 + Math.min(exclamations, 3) * 0.1;
  const score = total / Math.sqrt(total * total + SQUASH);
  const rounded = Math.round(score * 1000) / 1000;
  return { score: rounded, sentiment: rounded >= NEUTRAL_BAND ? 'positive' : rounded <= -NEUTRAL_BAND ? 'negative' : 'neutral' };
}
