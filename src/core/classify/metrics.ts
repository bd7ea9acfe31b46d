export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly have this label. */
  support: number;
}

export interface EvaluationReport {
  /** The true labels found in the data, in report order; macro-F1 averages over exactly these. */
  labels: string[];
  /** Confusion-matrix columns: the true labels, then any other label the model predicted. */
  predictedLabels: string[];
  /** confusion[row = true label][column = predicted label]. */
  confusion: number[][];
  perClass: ClassMetrics[];
  macroF1: number;
  accuracy: number;
  count: number;
}

export interface Prediction {
  truth: string;
  predicted: string;
}

/**
 * Per-class precision, recall and F1 over the labels present in the data. A prediction of a label the data never uses
 * (say `noise` on a file of bugs and questions) is simply wrong: it costs recall, and gets its own confusion column.
 */
export function evaluatePredictions(predictions: readonly Prediction[], labelOrder: readonly string[] = []): EvaluationReport {
  const present = new Set(predictions.map((p) => p.truth));
  const labels = [...labelOrder.filter((l) => present.has(l)), ...[...present].filter((l) => !labelOrder.includes(l)).sort()];
  const extra = [...new Set(predictions.map((p) => p.predicted))].filter((l) => !present.has(l)).sort();
  const predictedLabels = [...labels, ...extra];
  const column = new Map(predictedLabels.map((l, i) => [l, i]));
  const confusion = labels.map(() => predictedLabels.map(() => 0));
  for (const p of predictions) {
    const row = confusion[labels.indexOf(p.truth)] as number[];
    const col = column.get(p.predicted) as number;
    row[col] = (row[col] as number) + 1;
  }
  const perClass = labels.map((label, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const support = sum(confusion[i] ?? []);
    const predicted = sum(confusion.map((row) => row[i] ?? 0));
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce((total, _, i) => total + (confusion[i]?.[i] ?? 0), 0);
  return {
    labels,
    predictedLabels,
    confusion,
    perClass,
    macroF1: perClass.length === 0 ? 0 : sum(perClass.map((m) => m.f1)) / perClass.length,
    accuracy: predictions.length === 0 ? 0 : correct / predictions.length,
    count: predictions.length,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
