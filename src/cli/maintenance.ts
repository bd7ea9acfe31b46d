import type { Command } from 'commander';
import { configJsonSchema } from '../config/json-schema.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { command, loadSettings } from './runtime.js';

export function registerMaintenance(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations and exit (start does this too)')
    .action(command(async () => {
      const { env } = await loadSettings();
      const database = await openDatabase(env, createLogger(env.LOG_LEVEL));
      await database.shutdown();
      process.stdout.write('Database is up to date.\n');
    }));

  program
    .command('check-config')
    .description('validate the environment and the config file, listing every problem with its path')
    .argument('[path]', 'config file (default: LIAISON_CONFIG, else the built-in example)')
    .action(command(async (path?: string) => {
      const { loaded } = await loadSettings(path);
      const { config } = loaded;
      const sources = Object.values(config.communities).reduce((n, c) => n + c.sources.length, 0);
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      const counts = [count(Object.keys(config.teams).length, 'team', 'teams'), count(Object.keys(config.communities).length, 'community', 'communities'), count(sources, 'source', 'sources'), count(config.routing.rules.length, 'routing rule', 'routing rules')];
      process.stdout.write(`${loaded.path} is valid: ${counts.join(', ')}.\n`);
    }));

  program
    .command('config-schema')
    .description('print the JSON Schema of the config file (liaison.schema.json is generated with this)')
    .action(command(async () => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    }));
}
