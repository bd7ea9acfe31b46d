import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from '../../../src/core/classify/metrics.js';
import { assignFolds } from '../../../src/core/classify/cross-validate.js';
import { formatReport } from '../../../src/core/classify/format-report.js';
import { evaluateClassifier } from '../../../src/core/classify/evaluate-classifier.js';
import type { Classification } from '../../../src/core/classify/classifier.js';

const predictions = [
  ...Array.from({ length: 8 }, () => ({ truth: 'bug', predicted: 'bug' })),
  ...Array.from({ length: 2 }, () => ({ truth: 'bug', predicted: 'question' })),
  ...Array.from({ length: 6 }, () => ({ truth: 'question', predicted: 'question' })),
  ...Array.from({ length: 3 }, () => ({ truth: 'question', predicted: 'bug' })),
  { truth: 'question', predicted: 'noise' },
];

describe('evaluation metrics', () => {
  const report = evaluatePredictions(predictions, ['bug', 'question']);

  it('computes precision, recall and F1 per class from the confusion matrix', () => {
    const bug = report.perClass.find((m) => m.label === 'bug');
    expect(bug?.precision).toBeCloseTo(8 / 11, 6);
    expect(bug?.recall).toBeCloseTo(8 / 10, 6);
    expect(bug?.f1).toBeCloseTo((2 * (8 / 11) * 0.8) / (8 / 11 + 0.8), 6);
    expect(bug?.support).toBe(10);
    expect(report.accuracy).toBeCloseTo(14 / 20, 6);
  });

  it('averages F1 over the true labels only, and shows other predictions in their own column', () => {
    expect(report.labels).toEqual(['bug', 'question']);
    expect(report.predictedLabels).toEqual(['bug', 'question', 'noise']);
    expect(report.confusion).toEqual([
      [8, 2, 0],
      [3, 6, 1],
    ]);
    const question = report.perClass.find((m) => m.label === 'question');
    expect(report.macroF1).toBeCloseTo(((report.perClass[0]?.f1 ?? 0) + (question?.f1 ?? 0)) / 2, 6);
    expect(question?.recall).toBeCloseTo(0.6, 6);
  });

  it('prints a readable table with every class and the matrix', () => {
    const text = formatReport(report, '5-fold cross-validation');
    expect(text).toContain('5-fold cross-validation');
    expect(text).toMatch(/bug\s+0\.727\s+0\.800\s+0\.762\s+10/);
    expect(text).toMatch(/macro-F1 0\.\d{3}/);
    expect(text).toMatch(/question\s+3\s+6\s+1/);
  });
});

describe('cross-validation folds', () => {
  const labels = [...Array(50).fill('bug'), ...Array(10).fill('noise'), ...Array(3).fill('praise')] as string[];

  it('puts every label in every fold as evenly as it can', () => {
    const folds = assignFolds(labels, 5, 1);
    for (let f = 0; f < 5; f += 1) {
      expect(labels.filter((l, i) => l === 'bug' && folds[i] === f)).toHaveLength(10);
      expect(labels.filter((l, i) => l === 'noise' && folds[i] === f)).toHaveLength(2);
    }
  });

  it('deals the same folds for the same seed and different ones for another', () => {
    expect([...assignFolds(labels, 5, 1)]).toEqual([...assignFolds(labels, 5, 1)]);
    expect([...assignFolds(labels, 5, 1)]).not.toEqual([...assignFolds(labels, 5, 2)]);
  });
});

describe('evaluating an existing classifier', () => {
  // Always ranks noise first, then bug, then question.
  const classifier = {
    classify: (): Classification => ({
      category: 'noise',
      confidence: 0.5,
      alternatives: [
        { category: 'noise', confidence: 0.5 },
        { category: 'bug', confidence: 0.3 },
        { category: 'question', confidence: 0.2 },
      ],
      terms: [],
      sentiment: 'neutral',
      sentimentScore: 0,
      urgency: 'normal',
      modelVersion: 'stub',
    }),
  };
  const examples = [
    { text: 'a', category: 'bug' as const },
    { text: 'b', category: 'question' as const },
  ];

  it('counts a category the file does not use as a miss', () => {
    const report = evaluateClassifier(classifier, examples);
    expect(report.accuracy).toBe(0);
    expect(report.predictedLabels).toEqual(['bug', 'question', 'noise']);
  });

  it('with restrict, picks the best of the file\'s own categories', () => {
    const report = evaluateClassifier(classifier, examples, { restrict: true });
    expect(report.confusion).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});
