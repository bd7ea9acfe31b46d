import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import { BUILTIN_VERSION } from '../core/classify/builtin-model.js';
import { activateModel, listModels, parseModelRef, type StoredModel } from '../core/classify/model-catalogue.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { command } from './runtime.js';

/** `liaison models list | activate <version|builtin>`: the stored classifier models, and which one classifies. */
export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('list the stored classifier models, or choose the active one');
  models
    .command('list')
    .description('every stored model, newest first, with its cross-validated macro-F1 and thresholds')
    .action(command(() => withDb(list)));
  models
    .command('activate <model>')
    .description('make a stored model (7 or trained-7) the one that classifies, or "builtin" for the built-in model')
    .action(command((ref: string) => withDb((db) => activate(db, ref))));
}

type Db = Parameters<typeof listModels>[0];

async function withDb(run: (db: Db) => Promise<void>): Promise<void> {
  const env = parseEnv();
  const database = await openDatabase(env, createLogger(env.LOG_LEVEL), { max: 2 });
  try {
    await run(database.db);
  } finally {
    await database.shutdown();
  }
}

async function list(db: Db): Promise<void> {
  const models = await listModels(db);
  const active = models.find((m) => m.active);
  const lines = [`${'  version'.padEnd(16)}${'trained'.padEnd(18)}${'examples'.padStart(9)}${'macro-F1'.padStart(10)}${'unsure'.padStart(8)}${'chatter'.padStart(9)}  from`];
  lines.push(`${active ? ' ' : '*'} ${BUILTIN_VERSION.padEnd(14)}${'(built in)'.padEnd(18)}${''.padStart(9)}${''.padStart(10)}${''.padStart(8)}${''.padStart(9)}  the project's own examples`);
  for (const model of models) lines.push(row(model));
  lines.push('', active ? `active: ${active.version}` : 'active: the built-in model (no stored model is active)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

function row(model: StoredModel): string {
  const figure = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(3));
  const trained = model.trainedAt.toISOString().slice(0, 16).replace('T', ' ');
  const from = `${model.origin}${model.teamColumn ? `, teams from "${model.teamColumn}"` : ''}`;
  return `${model.active ? '*' : ' '} ${model.version.padEnd(14)}${trained.padEnd(18)}${String(model.exampleCount).padStart(9)}${figure(model.macroF1).padStart(10)}${figure(model.calibration?.unsure).padStart(8)}${figure(model.calibration?.outOfScope).padStart(9)}  ${from}`;
}

async function activate(db: Db, ref: string): Promise<void> {
  const target = parseModelRef(ref);
  await activateModel(db, target);
  process.stdout.write(target === 'builtin' ? `no stored model is active now: the built-in model (${BUILTIN_VERSION}) classifies\n` : `model ${target} (trained-${target}) is active now\n`);
}
