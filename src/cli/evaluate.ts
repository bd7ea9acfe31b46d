import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import { ActiveClassifier } from '../core/classify/active-classifier.js';
import { builtinClassifier } from '../core/classify/builtin-model.js';
import type { Classifier } from '../core/classify/classifier.js';
import { predictExamples } from '../core/classify/evaluate-classifier.js';
import { formatGroupScores, formatReport } from '../core/classify/format-report.js';
import { evaluatePredictions } from '../core/classify/metrics.js';
import { loadStoredModel, parseModelRef } from '../core/classify/model-catalogue.js';
import { ModelClassifier } from '../core/classify/model-classifier.js';
import { scoreGroups } from '../core/classify/score-groups.js';
import { CATEGORIES } from '../config/schema.js';
import { DomainError } from '../core/errors.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { addCsvOptions, readCsvFlags, type CsvFlags } from './classifier-options.js';
import { command } from './runtime.js';

interface EvaluateFlags extends CsvFlags {
  restrict?: boolean;
  model?: string;
  out?: string;
}

/** `liaison evaluate`: scores a model (the active one by default) on a held-out labelled CSV, without training. */
export function registerEvaluateCommand(program: Command): void {
  const evaluateCommand = program.command('evaluate').description('score a classifier on a held-out labelled CSV (no training)');
  addCsvOptions(evaluateCommand)
    .option('--restrict', 'choose only among the categories the file uses')
    .option('--model <version>', 'the model to score: its number (7), its version (trained-7) or builtin (default: the active one)')
    .option('--id <column>', 'column identifying each row in --out (default: the row number)')
    .option('--out <csv>', 'write each row\'s prediction to this CSV: id, true label, predicted, confidence')
    .action(command((flags: EvaluateFlags) => evaluate(flags)));
}

async function evaluate(flags: EvaluateFlags): Promise<void> {
  if (!flags.data) throw new DomainError('invalid_input', 'give --data <csv>');
  const csv = await readCsvFlags(flags as CsvFlags & { data: string });
  const classifier = await chooseClassifier(flags.model);
  const rows = csv.rows.filter((r) => r.category);
  const predictions = predictExamples(classifier.classifier, csv.examples, { restrict: Boolean(flags.restrict) });
  const report = evaluatePredictions(predictions, CATEGORIES);
  const restriction = flags.restrict ? `, choosing among ${report.labels.join(', ')}` : '';
  process.stdout.write(formatReport(report, `model ${classifier.version} on ${csv.examples.length} rows of ${csv.name}${restriction}`));
  if (flags.group) {
    const scores = scoreGroups(predictions.map((p, i) => ({ ...p, group: rows[i]?.group ?? '' })));
    process.stdout.write(`\n${formatGroupScores(scores, flags.group)}`);
  }
  if (flags.out) {
    const records = predictions.map((p, i) => [rows[i]?.id ?? '', p.truth, p.predicted, p.confidence.toFixed(3)]);
    await writeFile(flags.out, [['id', 'label', 'predicted', 'confidence'], ...records].map((r) => r.map(csvField).join(',')).join('\n') + '\n');
    process.stdout.write(`\nwrote ${records.length} predictions to ${flags.out}\n`);
  }
}

/** The model named by --model, or the active one; a stored model that cannot be read is an error here, not a fallback. */
async function chooseClassifier(ref: string | undefined): Promise<{ classifier: Classifier; version: string }> {
  const target = ref === undefined ? undefined : parseModelRef(ref);
  if (target === 'builtin') {
    const builtin = builtinClassifier();
    return { classifier: builtin, version: builtin.modelVersion };
  }
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const database = await openDatabase(env, logger, { max: 2 });
  try {
    if (target !== undefined) return { classifier: new ModelClassifier(await loadStoredModel(database.db, target), `trained-${target}`), version: `trained-${target}` };
    const active = await ActiveClassifier.load(database.db, logger);
    return { classifier: active, version: active.modelVersion };
  } finally {
    await database.shutdown();
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
