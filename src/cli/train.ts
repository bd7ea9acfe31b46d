import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import type { Calibration } from '../core/classify/calibration.js';
import { collectHistoryExamples } from '../core/classify/collect-history-examples.js';
import { formatGroupScores, formatReport } from '../core/classify/format-report.js';
import { activeModelBasis, activeTeamModel, saveActiveModel } from '../core/classify/model-store.js';
import { scoreGroups } from '../core/classify/score-groups.js';
import { originOf, trainClassifier, trainingMetrics, type TrainingOutcome } from '../core/classify/train-classifier.js';
import { systemClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { addCsvOptions, positiveInteger, readCsvFlags, type CsvFlags } from './classifier-options.js';
import { command, loadSettings } from './runtime.js';

interface TrainFlags extends CsvFlags {
  fromHistory?: boolean;
  builtin: boolean;
  cv: boolean;
  team?: string;
  folds: string;
  seed: string;
}

/** `liaison train`: trains a classifier, prints its cross-validated report and calibration, and makes it active. */
export function registerTrainCommand(program: Command): void {
  const trainCommand = program
    .command('train')
    .description('train the feedback classifier from a labelled CSV and/or the ledger\'s corrections, and make it active');
  addCsvOptions(trainCommand)
    .option('--team <column>', 'also learn the organisation\'s own teams from this column (every value must be a team in the config)')
    .option('--from-history', 'learn from re-categorisations and pass-ons recorded in the ledger')
    .option('--no-builtin', 'leave out the built-in examples (the model then knows only the file\'s categories)')
    .option('--no-cv', 'fit without cross-validation: faster, but no report, and the built-in model\'s thresholds')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--seed <n>', 'seed for the cross-validation folds', '1')
    .action(command((flags: TrainFlags) => train(flags)));
}

async function train(flags: TrainFlags): Promise<void> {
  if (!flags.data && !flags.fromHistory) throw new DomainError('invalid_input', 'give --data <csv>, --from-history, or both');
  if (flags.team && !flags.data) throw new DomainError('invalid_input', '--team needs --data <csv>');
  const folds = positiveInteger(flags.folds, '--folds', 2);
  const seed = positiveInteger(flags.seed, '--seed', 0);
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // Team names are checked against the config, so that a typo in the export does not become a team nobody has.
  const knownTeams = flags.team ? Object.keys((await loadSettings()).loaded.config.teams) : undefined;
  const csv = flags.data ? await readCsvFlags(flags as CsvFlags & { data: string }, { team: flags.team, knownTeams }) : undefined;
  if (csv) process.stdout.write(`read ${csv.rows.length} rows from ${csv.name}${flags.team && csv.examples.length === 0 ? ` (teams only, column "${flags.team}")` : ''}\n`);
  const database = await openDatabase(env, logger, { max: 2 });
  try {
    const history = flags.fromHistory ? await collectHistoryExamples(database.db) : undefined;
    if (history) process.stdout.write(`ledger: ${history.categories.length} re-categorised items, ${history.teams.length} pass-on examples\n`);
    // Without a file, a retrain from the ledger keeps the examples the active model was imported with.
    const kept = csv ? undefined : await activeModelBasis(database.db);
    const imported = csv ? { examples: csv.examples, name: csv.name } : kept?.importedFrom ? { examples: kept.examples, name: kept.importedFrom } : undefined;
    if (!csv && imported) process.stdout.write(`keeping ${imported.examples.length} examples imported from ${imported.name} (model ${kept?.id})\n`);
    const teamHistory = flags.team && csv ? { column: flags.team, examples: csv.rows.map((r) => ({ text: r.text, team: r.team as string })) } : undefined;
    const predictions: { predicted: string; confidence: number }[] = [];
    const started = performance.now();
    const outcome = trainClassifier(
      { imported: imported?.examples ?? [], history, builtin: flags.builtin, ...(teamHistory ? { teamHistory } : {}) },
      { folds, seed, crossValidate: flags.cv, onPrediction: (i, predicted, confidence) => (predictions[i] = { predicted, confidence }) },
    );
    process.stdout.write(`${flags.cv ? 'trained and cross-validated' : 'trained'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`);
    printOutcome(outcome, folds);
    if (flags.group && csv && outcome.report) {
      const grouped = csv.rows.filter((r) => r.category).map((r, i) => ({ truth: r.category as string, predicted: predictions[i]?.predicted ?? '', group: r.group ?? '' }));
      process.stdout.write(`\n${formatGroupScores(scoreGroups(grouped), flags.group)}`);
    } else if (flags.group && !flags.cv) {
      // Without cross-validation there is no prediction a model made without seeing the row: say so rather than print nothing.
      process.stdout.write(`\nno macro-F1 per ${flags.group} with --no-cv: drop --no-cv, or score a held-out file with liaison evaluate --group ${flags.group}\n`);
    }
    // A model trained without --team keeps the team model the active one had: retraining categories must not forget teams.
    const teamModel = outcome.model.teamModel ?? (teamHistory ? undefined : await activeTeamModel(database.db));
    const provenance = { builtin: flags.builtin, historyThroughActionId: history?.throughActionId ?? 0, ...(imported ? { importedFrom: imported.name } : {}) };
    const id = await saveActiveModel(database.db, systemClock, {
      model: { ...outcome.model, ...(teamModel ? { teamModel } : {}) },
      origin: originOf(provenance, Boolean(history)),
      exampleCount: outcome.counts.total,
      metrics: trainingMetrics(outcome, provenance),
      ...(imported && imported.examples.length > 0 ? { examples: imported.examples } : {}),
    });
    if (teamModel && !outcome.model.teamModel) process.stdout.write(`kept the active model's team model (column "${teamModel.column}")\n`);
    process.stdout.write(`\nstored as model ${id} (trained-${id}), now active\n`);
  } finally {
    await database.shutdown();
  }
}

function printOutcome(outcome: TrainingOutcome, folds: number): void {
  const { counts } = outcome;
  const scored = outcome.evaluatedOn === 'all' ? `all ${counts.total} examples` : `the ${counts.imported + counts.historyCategories} imported and corrected examples (the ${counts.builtin} built-in ones in training)`;
  if (outcome.report) process.stdout.write(formatReport(outcome.report, `${folds}-fold cross-validation on ${scored}`));
  if (outcome.model.calibration) process.stdout.write(`\n${calibrationLines(outcome.model.calibration)}`);
  if (outcome.teamReport) process.stdout.write(`\n${formatReport(outcome.teamReport, `team model, ${folds}-fold cross-validation`)}`);
  if (outcome.model.teamModel) process.stdout.write(`team model: used for routing at ${(outcome.model.teamModel.minConfidence * 100).toFixed(0)}% confidence or more\n`);
  const teams = Object.entries(outcome.teams);
  process.stdout.write(
    teams.length > 0
      ? `\nteam head: ${teams.map(([team, n]) => `${team} (${n} corrections)`).join(', ')}\n`
      : counts.historyTeams > 0
        ? `\nteam head: not trained, no team has enough pass-on corrections yet\n`
        : '',
  );
}

function calibrationLines(calibration: Calibration): string {
  if (calibration.source === 'builtin') return 'thresholds: the built-in model\'s (no cross-validation to calibrate on)\n';
  const m = calibration.measured;
  const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
  const lines = [`calibrated on ${m?.examples ?? 0} out-of-fold predictions:`];
  lines.push(`  unsure below ${calibration.unsure.toFixed(3)} confidence (${pct(m?.unsureShare)} of examples; the others were right ${pct(m?.confidentAccuracy)} of the time)`);
  if (calibration.outOfScope !== undefined) {
    lines.push(`  out of scope above ${calibration.outOfScope.toFixed(3)} (keeps ${pct(m?.inScopeKept)} of feedback${m?.outOfScopeRecall !== undefined ? `, recognises ${pct(m.outOfScopeRecall)} of the chatter examples` : ''})`);
  }
  return `${lines.join('\n')}\n`;
}
