import type { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseEnv, publicUrl } from '../config/env.js';
import { loadConfig } from '../config/load-config.js';
import { ManualClock } from '../core/clock.js';
import { lastCompleteWeek } from '../core/digest/period.js';
import { connect, migrateDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runDemo } from '../demo/run-demo.js';
import { demoPort } from './demo-port.js';
import { serveDemo } from './demo-serve.js';
import { command } from './runtime.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('play a week at Fernhill (the example organisation) on a throwaway database and print the leadership digest')
    .option('--verbose', 'print every message Liaison would post, not one of each kind')
    .option('--database-url <url>', 'use this (empty) PostgreSQL database instead of a throwaway embedded one')
    .option('--serve', 'then serve the web app on the demo week, with a sign-in link for the community manager, until Ctrl-C (the default in a terminal)')
    .option('--no-serve', 'stop after the digest (the default when the output is not a terminal)')
    .action(command(async (options: { verbose?: boolean; databaseUrl?: string; serve?: boolean }) => {
      // In a terminal the demo ends in the web app; a script or CI piping its output gets the digest and an exit.
      const serve = options.serve ?? process.stdout.isTTY === true;
      const env = parseEnv(process.env);
      const port = serve ? await demoPort(env, process.env.PORT !== undefined && process.env.PORT !== '') : undefined;
      const web = port === undefined ? undefined : env.LIAISON_PUBLIC_URL ? publicUrl(env) : `http://localhost:${port}`;
      const dataDir = options.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'liaison-demo-'));
      const logger = pino({ level: 'silent' });
      const embedded = dataDir ? await startEmbeddedPostgres(dataDir, logger, 'liaison_demo') : undefined;
      const database = connect(options.databaseUrl ?? (embedded as { socketUrl: string }).socketUrl);
      try {
        await migrateDatabase(database);
        const loaded = await loadConfig(undefined);
        const week = lastCompleteWeek(new Date(), loaded.config.timezone);
        const clock = new ManualClock(week.start);
        const ok = await runDemo({ db: database.db, config: loaded.config, clock, logger }, week, process.stdout, { verbose: options.verbose ?? false, web });
        if (port !== undefined && web !== undefined) await serveDemo({ database, loaded, logger, out: process.stdout, week, env: { ...env, PORT: port }, base: web });
        else process.stdout.write('To see this week in the web app (Impact, Silos, Inbox, every item): npm run demo -- --serve\n');
        return ok ? 0 : 1;
      } finally {
        await database.close();
        await embedded?.stop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    }));
}
