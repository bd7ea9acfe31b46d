import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import { ActiveClassifier } from '../core/classify/active-classifier.js';
import { evaluateClassifier } from '../core/classify/evaluate-classifier.js';
import { formatReport } from '../core/classify/format-report.js';
import { DomainError } from '../core/errors.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { addCsvOptions, readCsvFlags, type CsvFlags } from './classifier-options.js';
import { command } from './runtime.js';

interface EvaluateFlags extends CsvFlags {
  restrict?: boolean;
}

/** `liaison evaluate`: scores the active model (or the built-in one) on a held-out labelled CSV, without training. */
export function registerEvaluateCommand(program: Command): void {
  const evaluateCommand = program.command('evaluate').description('score the active classifier on a held-out labelled CSV (no training)');
  addCsvOptions(evaluateCommand)
    .option('--restrict', 'choose only among the categories the file uses')
    .action(command((flags: EvaluateFlags) => evaluate(flags)));
}

async function evaluate(flags: EvaluateFlags): Promise<void> {
  if (!flags.data) throw new DomainError('invalid_input', 'give --data <csv>');
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const csv = await readCsvFlags(flags as CsvFlags & { data: string });
  const database = await openDatabase(env, logger, { max: 2 });
  let classifier: ActiveClassifier;
  try {
    classifier = await ActiveClassifier.load(database.db, logger);
  } finally {
    await database.shutdown();
  }
  const report = evaluateClassifier(classifier, csv.examples, { restrict: Boolean(flags.restrict) });
  const restriction = flags.restrict ? `, choosing among ${report.labels.join(', ')}` : '';
  process.stdout.write(formatReport(report, `model ${classifier.modelVersion} on ${csv.examples.length} rows of ${csv.name}${restriction}`));
}
