import type { GroupScores } from './score-groups.js';
import type { EvaluationReport } from './metrics.js';

/** A plain-text report for a terminal: per-class precision, recall and F1, macro-F1, and the confusion matrix. */
export function formatReport(report: EvaluationReport, title: string): string {
  const width = Math.max(12, ...report.predictedLabels.map((l) => l.length)) + 2;
  const number = (value: number) => value.toFixed(3);
  const lines = [title, ''];
  lines.push(`${'class'.padEnd(width)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}`);
  for (const m of report.perClass) {
    lines.push(`${m.label.padEnd(width)}${number(m.precision).padStart(10)}${number(m.recall).padStart(10)}${number(m.f1).padStart(10)}${String(m.support).padStart(10)}`);
  }
  lines.push('');
  lines.push(`macro-F1 ${number(report.macroF1)}   accuracy ${number(report.accuracy)}   examples ${report.count}`);
  lines.push('');
  lines.push('confusion matrix (rows: true label, columns: predicted)');
  const cell = Math.max(8, ...report.predictedLabels.map((l) => l.length + 2));
  lines.push(`${''.padEnd(width)}${report.predictedLabels.map((l) => l.padStart(cell)).join('')}`);
  report.labels.forEach((label, i) => {
    lines.push(`${label.padEnd(width)}${(report.confusion[i] ?? []).map((n) => String(n).padStart(cell)).join('')}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Per-group macro-F1 and the mean of the groups, for `--group`. */
export function formatGroupScores(scores: GroupScores, column: string): string {
  const width = Math.max(12, column.length, ...scores.groups.map((g) => g.group.length)) + 2;
  const lines = [`macro-F1 per ${column}`, `${column.padEnd(width)}${'macro-F1'.padStart(10)}${'rows'.padStart(8)}`];
  for (const g of scores.groups) lines.push(`${(g.group || '(empty)').padEnd(width)}${g.macroF1.toFixed(3).padStart(10)}${String(g.count).padStart(8)}`);
  lines.push(`${`mean of ${scores.groups.length}`.padEnd(width)}${scores.mean.toFixed(3).padStart(10)}`);
  return `${lines.join('\n')}\n`;
}
