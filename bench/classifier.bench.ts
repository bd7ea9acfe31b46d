import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { builtinClassifier, trainBuiltinModel } from '../src/core/classify/builtin-model.js';
import { encodeClassifierModel } from '../src/core/classify/classifier-model.js';
import { crossValidate } from '../src/core/classify/cross-validate.js';
import { evaluateClassifier } from '../src/core/classify/evaluate-classifier.js';
import { builtinExamples } from '../src/core/classify/examples/index.js';
import { evaluatePredictions } from '../src/core/classify/metrics.js';
import { ModelClassifier } from '../src/core/classify/model-classifier.js';
import { readLabelledCsv } from '../src/core/classify/read-labelled-csv.js';
import { trainClassifier } from '../src/core/classify/train-classifier.js';
import { note, percentile, report } from './report.js';

/**
 * Classifier figures. The NLBSE'24 training split lives outside the project (../shared/datasets); without it the
 * dataset figures are skipped with a note. What `liaison train --data issues_train.csv --text title,body
 * --label label --map feature=feature_request` does is exactly what is measured here: same reader, same trainer.
 */
const root = new URL('../', import.meta.url);
const NLBSE = fileURLToPath(new URL('../shared/datasets/nlbse24-train/issues_train.csv', root));
const COLUMNS = { text: ['title', 'body'], label: 'label', map: { feature: 'feature_request' } };

function round(value: number): number {
  return Number(value.toFixed(3));
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

// Built-in model: trained when first needed, so this is its load time.
let started = performance.now();
trainBuiltinModel();
report('classifier_builtin_train_ms', (performance.now() - started), 'ms', { examples: builtinExamples().length });
const builtinCv = crossValidate(builtinExamples().map((e) => ({ text: e.text, label: e.category })), { seed: 1 });
report('classifier_builtin_examples_cv_macro_f1', builtinCv.macroF1, 'f1', { folds: 5, note: 'built-in examples cross-validated on themselves' });

const chat = builtinExamples().map((e) => e.text);
const builtin = builtinClassifier();
const chatTiming = timePerItem(builtin, chat, 20);
report('classifier_classify_ms_per_chat_message', chatTiming.mean, 'ms', { items: chat.length * 20, model: 'builtin', p99: round(chatTiming.p99), cpuMs: round(chatTiming.cpu) });

if (!existsSync(NLBSE)) {
  note(`${NLBSE} not found: skipping the NLBSE'24 figures`);
} else {
  const { examples } = await readLabelledCsv(createReadStream(NLBSE), COLUMNS);
  const repos = await readRepos();

  const perSeed: number[] = [];
  for (const seed of [1, 2, 3]) {
    const predicted: string[] = [];
    started = performance.now();
    const outcome = trainClassifier({ imported: examples }, { seed, onPrediction: (i, label) => (predicted[i] = label) });
    const f1 = outcome.report?.macroF1 ?? Number.NaN;
    perSeed.push(f1);
    if (seed !== 1) continue;
    report('classifier_nlbse_cv_macro_f1', f1, 'f1', { folds: 5, seed, examples: examples.length, builtinInTraining: outcome.counts.builtin, seconds: Number(seconds(started).toFixed(1)) });
    report('classifier_nlbse_cv_per_repo_macro_f1', perRepoMacroF1(examples.map((e) => e.category), predicted, repos), 'f1', { note: 'macro-F1 per repository, averaged over the 5 (the published metric)' });
  }
  report('classifier_nlbse_cv_macro_f1_mean_of_3_seeds', perSeed.reduce((a, b) => a + b, 0) / perSeed.length, 'f1', { seeds: [1, 2, 3], each: perSeed.map((f) => Number(f.toFixed(4))) });

  started = performance.now();
  const trained = trainClassifier({ imported: examples }, { crossValidate: false });
  report('classifier_nlbse_train_seconds', seconds(started), 's', { examples: trained.counts.total, note: '1500 file rows + built-in examples, as liaison train does' });
  started = performance.now();
  trainClassifier({ imported: examples, builtin: false }, { crossValidate: false });
  report('classifier_nlbse_train_seconds_file_only', seconds(started), 's', { examples: examples.length, note: 'liaison train --no-builtin' });
  report('classifier_model_json_mb', JSON.stringify(encodeClassifierModel(trained.model)).length / 1e6, 'MB', { rows: trained.model.category.data.slots.length });

  const timing = timePerItem(new ModelClassifier(trained.model, 'bench'), examples.map((e) => e.text), 3);
  report('classifier_classify_ms_per_item', timing.mean, 'ms', { items: examples.length * 3, p99: round(timing.p99), text: 'GitHub issue, title + body' });
  report('classifier_classify_cpu_ms_per_item', timing.cpu, 'ms', { items: examples.length * 3, note: 'process CPU time per call, same run' });

  const restricted = evaluateClassifier(builtin, examples, { restrict: true });
  report('classifier_builtin_nlbse_macro_f1_restricted', restricted.macroF1, 'f1', { note: 'best of bug / feature_request / question in the built-in model\'s ranking' });
  const open = evaluateClassifier(builtin, examples);
  report('classifier_builtin_nlbse_macro_f1_unrestricted', open.macroF1, 'f1', { note: 'any other predicted category counts as a miss', predicted: open.predictedLabels });
}

/** Wall time per call, and this process's CPU time per call: on a shared machine the first includes waiting for a core. */
function timePerItem(classifier: { classify(text: string): unknown }, texts: readonly string[], rounds: number) {
  for (const text of texts.slice(0, 200)) classifier.classify(text);
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r += 1) {
    for (const text of texts) {
      const t = performance.now();
      classifier.classify(text);
      samples.push(performance.now() - t);
    }
  }
  const used = process.cpuUsage(cpu);
  return {
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    p99: percentile(samples, 99),
    cpu: (used.user + used.system) / 1000 / samples.length,
  };
}

/** The file's repo column, in row order (the reader keeps every row of this file, which has no empty ones). */
async function readRepos(): Promise<string[]> {
  const repos: string[] = [];
  for await (const record of createReadStream(NLBSE).pipe(parse({ columns: true, bom: true })) as AsyncIterable<Record<string, string>>) {
    repos.push(record.repo ?? '');
  }
  return repos;
}

function perRepoMacroF1(truth: readonly string[], predicted: readonly string[], repos: readonly string[]): number {
  const names = [...new Set(repos)];
  const scores = names.map((repo) => {
    const rows = truth.map((t, i) => ({ truth: t, predicted: predicted[i] as string, repo: repos[i] })).filter((r) => r.repo === repo);
    return evaluatePredictions(rows).macroF1;
  });
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}
