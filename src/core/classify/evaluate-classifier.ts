import { CATEGORIES } from '../../config/schema.js';
import type { Classifier } from './classifier.js';
import type { CategoryExample } from './examples/index.js';
import { evaluatePredictions, type EvaluationReport, type Prediction } from './metrics.js';

export interface EvaluateOptions {
  /**
   * Choose only among the categories the file uses (the best of those in `alternatives`). For a file that knows three
   * categories, this asks "which of these three", as a model trained on that file would; without it a prediction of
   * any other category counts as a miss.
   */
  restrict?: boolean;
}

/** Each example's prediction by an existing classifier, with the confidence of the predicted category. */
export function predictExamples(classifier: Classifier, examples: readonly CategoryExample[], options: EvaluateOptions = {}): (Prediction & { confidence: number })[] {
  const present = new Set<string>(examples.map((e) => e.category));
  return examples.map((example) => {
    const result = classifier.classify(example.text);
    const chosen = options.restrict ? (result.alternatives.find((a) => present.has(a.category)) ?? result.alternatives[0]) : result.alternatives[0];
    return { truth: example.category, predicted: chosen?.category ?? result.category, confidence: chosen?.confidence ?? result.confidence };
  });
}

/** Scores an existing classifier on labelled examples it was not trained on. */
export function evaluateClassifier(classifier: Classifier, examples: readonly CategoryExample[], options: EvaluateOptions = {}): EvaluationReport {
  return evaluatePredictions(predictExamples(classifier, examples, options), CATEGORIES);
}
