import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { LoadedConfig } from '../config/load-config.js';
import { userKey } from '../config/refs.js';
import type { Period } from '../core/digest/period.js';
import { issueSignInToken } from '../core/issue-sign-in-token.js';
import type { Database } from '../db/client.js';
import { openRoutingModel } from './routing-model.js';

/** The demo's community manager: the first console user among the community managers of the example organisation. */
export function demoCommunityManager(loaded: LoadedConfig): { platform: 'console'; id: string; name: string } | undefined {
  const user = (loaded.config.roles.communityManagers?.users ?? []).map(userKey).find((u) => u.platform === 'console');
  return user ? { platform: 'console', id: user.id, name: consoleUserName(user.id) } : undefined;
}

/** The config names console users by a lower-case id (maya); people read it as a name (Maya). */
export function consoleUserName(id: string): string {
  return id[0]?.toUpperCase() + id.slice(1);
}

/**
 * After the demo week: Liaison's web app (and its delivery worker, so that actions taken in the browser print their
 * cards here) on the demo's database, with a sign-in link for the community manager, until Ctrl-C.
 */
export async function serveDemo(deps: { database: Database; loaded: LoadedConfig; logger: Logger; out: Writable; week: Period; env: Env; base: string }): Promise<void> {
  const { database, loaded, logger, out, week, env, base } = deps;
  const routingModel = await openRoutingModel(database.db, logger);
  // Loaded here, not at the top: every CLI command imports this file (for the demo's user), and the whole bot is heavy.
  const { startLiaison } = await import('../main.js');
  const running = await startLiaison({
    env,
    loaded,
    // The demo owns its throwaway database: it is closed (and its embedded server stopped) by the demo itself.
    database: { ...database, health: () => ({ ok: true }), shutdown: async () => {} },
    logger,
    routingModel,
    platforms: async () => [],
    roles: new Set(['web', 'worker']),
    out,
  });
  const manager = demoCommunityManager(loaded);
  const say = (line: string) => out.write(`${line}\n`);
  say(`\nThe web app is serving the demo week at ${base}`);
  const issued = manager ? await issueSignInToken(running.ctx, manager) : undefined;
  if (manager && issued?.status === 'issued') say(`Sign in as ${manager.name}, the community manager (link valid 10 minutes, once): ${base}/sign-in/${issued.token}`);
  say(`Then open the week on the Impact page: ${base}/?${new URLSearchParams({ period: week.key }).toString()}`);
  say('Press Ctrl-C to stop (the demo database is thrown away).');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await running.stop();
}
