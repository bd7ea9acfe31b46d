import type { Command } from 'commander';
import { discordEnabled, slackEnabled } from '../config/env.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import { ROLES, startLiaison, type Role } from '../main.js';
import { startupBanner } from './startup-banner.js';
import { openRoutingModel } from './routing-model.js';
import { command, loadSettings } from './runtime.js';
import { platformAdapters } from './platform-adapters.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the bot: HTTP intake and health, delivery worker, scheduler, and Slack/Discord when credentials are set')
    .option('--config <path>', 'the liaison config file (default: LIAISON_CONFIG, else the built-in example organisation)')
    .option('--roles <roles>', `comma-separated roles to run in this process: ${ROLES.join(', ')}`, ROLES.join(','))
    .action(command(async (options: { config?: string; roles: string }) => {
      const roles = new Set(options.roles.split(',').map((r) => r.trim()));
      const unknown = [...roles].filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
      // Every configuration problem is reported before anything starts.
      const settings = await loadSettings(options.config);
      const logger = createLogger(settings.env.LOG_LEVEL);
      const database = await openDatabase(settings.env, logger);
      const routingModel = await openRoutingModel(database.db, logger);
      const liaison = await startLiaison({ ...settings, database, logger, routingModel, roles: roles as Set<Role>, out: process.stdout, platforms: (ctx) => platformAdapters(ctx, settings.env, logger) });
      process.stdout.write(startupBanner({ ...settings, port: liaison.port, platforms: liaison.platforms, slack: slackEnabled(settings.env), discord: discordEnabled(settings.env) }));
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        await liaison.stop();
        process.exit(0);
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
      await new Promise(() => {});
    }));
}
