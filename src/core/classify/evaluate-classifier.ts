import { CATEGORIES } from '../../config/schema.js';
import type { Classifier } from './classifier.js';
import type { CategoryExample } from './examples/index.js';
import { evaluatePredictions, type EvaluationReport } from './metrics.js';

export interface EvaluateOptions {
  /**
   * Choose only among the categories the file uses (the best of those in `alternatives`). For a file that knows three
   * categories, this asks "which of these three", as a model trained on that file would; without it a prediction of
   * any other category counts as a miss.
   */
  restrict?: boolean;
}

/** Scores an existing classifier on labelled examples it was not trained on. */
export function evaluateClassifier(classifier: Classifier, examples: readonly CategoryExample[], options: EvaluateOptions = {}): EvaluationReport {
  const present = new Set<string>(examples.map((e) => e.category));
  const predictions = examples.map((example) => {
    const result = classifier.classify(example.text);
    const predicted = options.restrict ? (result.alternatives.find((a) => present.has(a.category))?.category ?? result.category) : result.category;
    return { truth: example.category, predicted };
  });
  return evaluatePredictions(predictions, CATEGORIES);
}
