import type { Logger } from 'pino';
import { parseEnv, type Env } from '../config/env.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { ConfigError } from '../config/problems.js';
import { systemClock } from '../core/clock.js';
import type { Context } from '../core/context.js';
import { isDomainError } from '../core/errors.js';
import { syncOrganisation } from '../core/sync-organisation.js';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import { StartupError } from '../db/startup-error.js';
import { createLogger } from '../logger.js';
import type { RoutingModel } from '../main.js';
import { openRoutingModel } from './routing-model.js';
import { UserError } from './user-error.js';
import { errorWords } from '../delivery/error-words.js';

export interface Settings {
  env: Env;
  loaded: LoadedConfig;
}

/** Environment and config file, validated together so that every problem in either is listed at once. */
export async function loadSettings(configPath?: string, source: Record<string, string | undefined> = process.env): Promise<Settings> {
  const problems: string[] = [];
  let env: Env | undefined;
  try {
    env = parseEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `environment: ${p}`));
  }
  let loaded: LoadedConfig | undefined;
  try {
    // An empty LIAISON_CONFIG (as `.env.example` has it) means unset, not a file called ''.
    loaded = await loadConfig(configPath || source.LIAISON_CONFIG || undefined, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems.map((p) => `${error.origin}: ${p}`));
  }
  if (!env || !loaded || problems.length > 0) throw new ConfigError('Liaison configuration', problems);
  return { env, loaded };
}

export interface Runtime extends Settings {
  logger: Logger;
  database: OpenDatabase;
  routingModel: RoutingModel;
  ctx: Context;
}

/** What a one-shot command needs: settings, a migrated database, the organisation synced, a core context. */
export async function openRuntime(options: { configPath?: string; logLevel?: string } = {}): Promise<Runtime> {
  const settings = await loadSettings(options.configPath);
  const logger = createLogger(options.logLevel ?? (settings.env.LOG_LEVEL === 'info' ? 'warn' : settings.env.LOG_LEVEL));
  const database = await openDatabase(settings.env, logger);
  await syncOrganisation(database.db, settings.loaded.config);
  const routingModel = await openRoutingModel(database.db, logger);
  const ctx: Context = { db: database.db, config: settings.loaded.config, clock: systemClock, logger, classifier: routingModel.classifier };
  return { ...settings, logger, database, routingModel, ctx };
}

/** Wraps a command: known problems are printed plainly with a non-zero exit; anything else with its stack. */
export function command<A extends unknown[]>(run: (...args: A) => Promise<void | number>) {
  return async (...args: A) => {
    try {
      const code = await run(...args);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (error) {
      if (error instanceof ConfigError || error instanceof StartupError || error instanceof UserError) process.stderr.write(`${error.message}\n`);
      else if (isDomainError(error)) process.stderr.write(`${errorWords(error)}\n`);
      // Anything else is a bug or an outage: one line, and the stack for whoever turns on debug logging.
      else if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      else process.stderr.write(`${error instanceof Error ? error.message : String(error)} (LOG_LEVEL=debug shows the details)\n`);
      process.exitCode = 1;
    }
  };
}
