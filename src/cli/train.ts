import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import { collectHistoryExamples } from '../core/classify/collect-history-examples.js';
import { formatReport } from '../core/classify/format-report.js';
import { activeModelBasis, saveActiveModel } from '../core/classify/model-store.js';
import { originOf, trainClassifier, trainingMetrics, type TrainingOutcome } from '../core/classify/train-classifier.js';
import { systemClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { addCsvOptions, positiveInteger, readCsvFlags, type CsvFlags } from './classifier-options.js';
import { command } from './runtime.js';

interface TrainFlags extends CsvFlags {
  fromHistory?: boolean;
  builtin: boolean;
  folds: string;
  seed: string;
}

/** `liaison train`: trains a classifier, prints its cross-validated report, and makes it the active model. */
export function registerTrainCommand(program: Command): void {
  const trainCommand = program
    .command('train')
    .description('train the feedback classifier from a labelled CSV and/or the ledger\'s corrections, and make it active');
  addCsvOptions(trainCommand)
    .option('--from-history', 'learn from re-categorisations and pass-ons recorded in the ledger')
    .option('--no-builtin', 'leave out the built-in examples (the model then knows only the file\'s categories)')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--seed <n>', 'seed for the cross-validation folds', '1')
    .action(command((flags: TrainFlags) => train(flags)));
}

async function train(flags: TrainFlags): Promise<void> {
  if (!flags.data && !flags.fromHistory) throw new DomainError('invalid_input', 'give --data <csv>, --from-history, or both');
  const folds = positiveInteger(flags.folds, '--folds', 2);
  const seed = positiveInteger(flags.seed, '--seed', 0);
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const csv = flags.data ? await readCsvFlags(flags as CsvFlags & { data: string }) : undefined;
  if (csv) process.stdout.write(`read ${csv.examples.length} labelled rows from ${csv.name}${csv.skipped ? ` (${csv.skipped} without text or label skipped)` : ''}\n`);
  const database = await openDatabase(env, logger, { max: 2 });
  try {
    const history = flags.fromHistory ? await collectHistoryExamples(database.db) : undefined;
    if (history) process.stdout.write(`ledger: ${history.categories.length} re-categorised items, ${history.teams.length} pass-on examples\n`);
    // Without a file, a retrain from the ledger keeps the examples the active model was imported with.
    const kept = csv ? undefined : await activeModelBasis(database.db);
    const imported = csv ? { examples: csv.examples, name: csv.name } : kept?.importedFrom ? { examples: kept.examples, name: kept.importedFrom } : undefined;
    if (!csv && imported) process.stdout.write(`keeping ${imported.examples.length} examples imported from ${imported.name} (model ${kept?.id})\n`);
    const started = performance.now();
    const outcome = trainClassifier({ imported: imported?.examples ?? [], history, builtin: flags.builtin }, { folds, seed });
    process.stdout.write(`trained and cross-validated in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);
    printOutcome(outcome, folds);
    const provenance = { builtin: flags.builtin, historyThroughActionId: history?.throughActionId ?? 0, ...(imported ? { importedFrom: imported.name } : {}) };
    const id = await saveActiveModel(database.db, systemClock, {
      model: outcome.model,
      origin: originOf(provenance, Boolean(history)),
      exampleCount: outcome.counts.total,
      metrics: trainingMetrics(outcome, provenance),
      ...(imported ? { examples: imported.examples } : {}),
    });
    process.stdout.write(`\nstored as model ${id} (trained-${id}), now active\n`);
  } finally {
    await database.shutdown();
  }
}

function printOutcome(outcome: TrainingOutcome, folds: number): void {
  const { counts } = outcome;
  const scored = outcome.evaluatedOn === 'all' ? `all ${counts.total} examples` : `the ${counts.imported + counts.historyCategories} imported and corrected examples (the ${counts.builtin} built-in ones always in training)`;
  if (outcome.report) process.stdout.write(formatReport(outcome.report, `${folds}-fold cross-validation on ${scored}`));
  const teams = Object.entries(outcome.teams);
  process.stdout.write(
    teams.length > 0
      ? `\nteam head: ${teams.map(([team, n]) => `${team} (${n} corrections)`).join(', ')}\n`
      : counts.historyTeams > 0
        ? `\nteam head: not trained, no team has enough pass-on corrections yet\n`
        : '',
  );
}
