import type { Command } from 'commander';
import { discordEnabled, publicUrl, slackEnabled } from '../config/env.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import { importEmbeddedPostgres } from '../db/embedded.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from '../logger.js';
import type { RunningLiaison } from '../main.js';
import { ROLES, type Role } from '../roles.js';
import { overriddenHeapFlags } from './heap-flags.js';
import { startupBanner } from './startup-banner.js';
import { demoCommunityManager } from './demo-serve.js';
import { issueSignInToken } from '../core/issue-sign-in-token.js';
import { openRoutingModel } from './routing-model.js';
import { command, loadSettings } from './runtime.js';
import { UserError } from './user-error.js';
import { loadPlatformAdapters, platformAdapters } from './platform-adapters.js';

/** SIGTERM ends the process within this, even when the database does not answer (orchestrators wait about 10 s). */
const STOP_BOUND_MS = 8000;

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the bot: HTTP intake and health, delivery worker, scheduler, and Slack/Discord when credentials are set')
    .option('--config <path>', 'the liaison config file (default: LIAISON_CONFIG, else the built-in example organisation)')
    .option('--roles <roles>', `comma-separated roles to run in this process: ${ROLES.join(', ')}`, ROLES.join(','))
    .action(command(async (options: { config?: string; roles: string }) => {
      const roles = new Set(options.roles.split(',').map((r) => r.trim()));
      const unknown = [...roles].filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) throw new UserError(`Unknown role${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: the roles are ${ROLES.join(', ')}.`);
      // Every configuration problem is reported before anything starts.
      const settings = await loadSettings(options.config);
      const logger = createLogger(settings.env.LOG_LEVEL);
      const heapWarning = overriddenHeapFlags(process.execArgv, process.env.NODE_OPTIONS);
      if (heapWarning) logger.warn(heapWarning);
      // The bot's code and the chat SDKs take seconds to load on a busy machine: loaded while the database starts
      // (mostly waiting on the server's own processes), so that a restart after a crash is ready sooner. The
      // embedded server's package first, on its own (see importEmbeddedPostgres).
      if (!settings.env.DATABASE_URL) await importEmbeddedPostgres();
      const loading = Promise.all([import('../main.js'), loadPlatformAdapters(settings.env)]);
      loading.catch(() => {});
      const database = await openDatabase(settings.env, logger, { beside: 'refuse' });
      let stopping = false;
      let starting: Promise<RunningLiaison | undefined> = Promise.resolve(undefined);
      const shutdown = async (reason: string, code: number) => {
        if (stopping) return;
        stopping = true;
        logger.info({ reason }, 'stopping');
        // Whatever state the database is in (paused, gone), the process ends within the bound; the exit hook still
        // asks the embedded server to stop.
        setTimeout(() => {
          logger.error(`did not stop within ${STOP_BOUND_MS / 1000} s; exiting anyway`);
          process.exit(code || 1);
        }, STOP_BOUND_MS).unref();
        // A signal during start-up (HTTP may already answer) lets start-up finish, then stops all of it.
        const running = await starting.catch(() => undefined);
        if (running) await running.stop();
        else await database.shutdown();
        process.exit(code);
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
      // A connection error nobody was left waiting for (seen when the embedded server was killed under load: the
      // driver rejected a query no caller held any more) must not end a process that rides the outage out; any
      // other unhandled rejection is a bug, and ends it as Node would, but in words and through the shutdown.
      process.on('unhandledRejection', (reason, promise) => {
        const query = (promise as { strings?: readonly string[] }).strings?.join('$');
        if (isDatabaseUnavailable(reason)) return void logger.warn({ err: reason, query }, 'database connection error with no one waiting for it (the database is unavailable)');
        logger.fatal({ err: reason, query }, 'unhandled promise rejection');
        void shutdown('unhandled promise rejection', 1);
      });
      // The embedded server died and could not be restarted: exit non-zero so that a supervisor (or the operator)
      // starts Liaison again, which recovers the data directory.
      database.embedded?.onFatal((error) => {
        process.stderr.write(`${error.message}\n`);
        void shutdown('embedded PostgreSQL lost', 1);
      });
      starting = (async () => {
        const [{ startLiaison }] = await loading;
        const routingModel = await openRoutingModel(database.db, logger);
        return startLiaison({ ...settings, database, logger, routingModel, roles: roles as Set<Role>, out: process.stdout, platforms: (ctx) => platformAdapters(ctx, settings.env, logger) });
      })();
      const liaison = await starting.catch(async (error: unknown) => {
        // Nothing may keep the process alive after a failed start (the pool, the embedded server).
        await database.shutdown();
        throw error;
      });
      if (!liaison || stopping) return;
      process.stdout.write(startupBanner({ ...settings, port: liaison.port, platforms: liaison.platforms, slack: slackEnabled(settings.env), discord: discordEnabled(settings.env), now: liaison.ctx.clock.now() }));
      if (liaison.port !== undefined) await database.embedded?.announce(liaison.port);
      // Trying Liaison with no chat: the example organisation's community manager can act on every card in the browser.
      const manager = demoCommunityManager(settings.loaded);
      if (!slackEnabled(settings.env) && !discordEnabled(settings.env) && roles.has('web') && liaison.port !== undefined && manager) {
        const issued = await issueSignInToken(liaison.ctx, manager);
        const base = settings.env.LIAISON_PUBLIC_URL ? publicUrl(settings.env) : `http://localhost:${liaison.port}`;
        if (issued.status === 'issued') process.stdout.write(`  web app: sign in as ${manager.name}, the community manager (valid 10 minutes, once): ${base}/sign-in/${issued.token}\n\n`);
      }
      await new Promise(() => {});
    }));
}
