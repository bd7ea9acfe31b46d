import type { Category } from '../../src/config/schema.js';
import type { Classification, Classifier } from '../../src/core/classify/classifier.js';

/**
 * A predictable stand-in for the trained model, so that routing tests say exactly what the classifier "thought".
 * A word in the text picks the category and confidence; anything else is an unsure guess.
 */
const SIGNALS: [RegExp, Category, number][] = [
  [/\b(crash|crashes|broken|error)\b/i, 'bug', 0.9],
  [/\b(would love|please add|feature)\b/i, 'feature_request', 0.85],
  [/\b(thanks|thank you|hello)\b/i, 'noise', 0.95],
  [/\b(cancel|switching to)\b/i, 'churn_risk', 0.8],
  [/\?\s*$/, 'question', 0.7],
];

export function keywordClassifier(learnedTeams: { match: RegExp; team: string; confidence: number }[] = []): Classifier {
  return {
    classify(text: string): Classification {
      const hit = SIGNALS.find(([pattern]) => pattern.test(text));
      const [category, confidence, term] = hit ? [hit[1], hit[2], text.match(hit[0])?.[0] ?? ''] : (['praise', 0.3, ''] as const);
      const others = (['bug', 'feature_request', 'question', 'praise'] as Category[]).filter((c) => c !== category);
      const learned = learnedTeams.find((l) => l.match.test(text));
      return {
        category,
        confidence,
        alternatives: [{ category, confidence }, ...others.map((c, i) => ({ category: c, confidence: (1 - confidence) / (i + 2) }))],
        terms: term ? [term.toLowerCase()] : [],
        sentiment: /broken|crash|angry/i.test(text) ? 'negative' : 'neutral',
        sentimentScore: /broken|crash|angry/i.test(text) ? -0.6 : 0,
        urgency: /urgent|down/i.test(text) ? 'high' : 'normal',
        modelVersion: 'keyword-fake',
        teams: learned ? [{ team: learned.team, confidence: learned.confidence }] : undefined,
      };
    },
  };
}
