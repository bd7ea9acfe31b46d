import type { ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { processStatus, readPostmasterLock, readRunning, type RunningRecord } from './data-dir.js';
import { StartupError } from './startup-error.js';

/*
 * The embedded server already running on a data directory (a live Liaison's, or one left behind by a Liaison that
 * was killed), and stopping a server within a bound whatever its state.
 */

export type RunningServer =
  | { kind: 'owned'; record: RunningRecord; port: number }
  | { kind: 'orphan'; pid: number }
  /** postmaster.pid names a process that is gone or is not this directory's server (its PID was reused). */
  | { kind: 'stale' };

/** Whether a server is already running on this data directory, and whether a live Liaison (its parent) owns it. */
export async function runningServer(dataDir: string, databaseDir: string): Promise<RunningServer | undefined> {
  const lock = readPostmasterLock(databaseDir);
  if (!lock) return undefined;
  const server = processStatus(lock.pid);
  const isOurs = server.alive && (server.name === undefined || server.name.startsWith('postgres')) && resolve(lock.dataDir) === databaseDir;
  if (!isOurs) return server.alive ? { kind: 'stale' } : undefined;
  const record = await readRunning(dataDir);
  const parent = server.parentPid ? processStatus(server.parentPid) : { alive: false };
  const owned = parent.alive && server.parentPid !== process.pid && (record ? record.pid === server.parentPid : /node/.test(parent.name ?? ''));
  if (owned) return { kind: 'owned', record: record ?? { pid: server.parentPid as number, databasePort: lock.port, command: 'liaison', startedAt: '' }, port: record?.databasePort ?? lock.port };
  return { kind: 'orphan', pid: lock.pid };
}

/**
 * Makes way for this process's own server on the data directory: a server left running by a Liaison that was killed
 * (its parent is gone) is stopped, a stale lock removed, and the backends of a dead postmaster ended. A server that a
 * live Liaison owns is left alone and returned, for the caller to share or refuse.
 */
export async function makeWay(dataDir: string, databaseDir: string, logger: Logger): Promise<{ owned?: { record: RunningRecord; port: number }; orphanStopped: boolean }> {
  const earlier = await runningServer(dataDir, databaseDir);
  if (earlier?.kind === 'owned') return { owned: earlier, orphanStopped: false };
  if (earlier?.kind === 'orphan') {
    logger.warn({ pid: earlier.pid, dataDir: databaseDir }, 'stopping the embedded PostgreSQL left running by a Liaison that did not stop cleanly');
    await stopProcess(earlier.pid);
  }
  if (earlier?.kind === 'stale') await rm(resolve(databaseDir, 'postmaster.pid'), { force: true });
  // Backends of a server whose postmaster is gone (killed with the Liaison that ran it) would keep a new one out.
  await endLeftoverServerProcesses(databaseDir);
  return { orphanStopped: earlier?.kind === 'orphan' };
}

export function alreadyRunning(dataDir: string, record: RunningRecord): StartupError {
  if (record.httpPort !== undefined) {
    return new StartupError(`Liaison is already running with the data in ${dataDir}: PID ${record.pid}, port ${record.httpPort} (http://localhost:${record.httpPort}/healthz). Stop it first, or set LIAISON_DATA_DIR to run another.`);
  }
  return new StartupError(`Another Liaison command (PID ${record.pid}, "${record.command}") is using the embedded database in ${dataDir}; start again when it has finished, or set LIAISON_DATA_DIR to run another.`);
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL: a server is gone within about 10 s whatever its state. */
export async function stopProcess(pid: number, child?: ChildProcess): Promise<void> {
  const gone = () => (child ? child.exitCode !== null || child.signalCode !== null : !processStatus(pid).alive);
  for (const [signal, waitMs] of [['SIGINT', 5000], ['SIGQUIT', 3000], ['SIGKILL', 2000]] as const) {
    if (gone()) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs && !gone(); waited += 50) await new Promise((done) => setTimeout(done, 50));
  }
}

/** Synchronous, for the `exit` event: asks the postmaster (its PID is the first line of postmaster.pid) for a fast shutdown. */
export function signalPostmaster(databaseDir: string): void {
  const lock = readPostmasterLock(databaseDir);
  try {
    if (lock) process.kill(lock.pid, 'SIGINT');
  } catch {
    // Already stopped: nothing to do.
  }
}

/**
 * The processes of a server whose postmaster is gone: backends, the checkpointer and the like notice its death only
 * when they next wait, and while one lingers (a stopped process, a loaded machine) it keeps the old shared memory
 * attached, so a new server refuses to start. PostgreSQL runs every process of a server in its data directory,
 * which is how they are told apart from any other server's. Linux only (/proc); elsewhere nothing is found.
 */
export function leftoverServerProcesses(databaseDir: string): number[] {
  let entries: string[];
  let directory: string;
  try {
    entries = readdirSync('/proc');
    directory = realpathSync(databaseDir);
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === directory && (processStatus(pid).name ?? '').startsWith('postgres');
    } catch {
      return false;
    }
  });
}

/**
 * Ends what is left of a dead server (see leftoverServerProcesses) at once, as PostgreSQL's own hint says to: its
 * work is not lost, the next start recovers from the WAL. Called only when the postmaster is known to be gone.
 * Returns how many processes were ended.
 */
export async function endLeftoverServerProcesses(databaseDir: string): Promise<number> {
  const leftovers = leftoverServerProcesses(databaseDir);
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (let waited = 0; waited < 2000 && leftovers.some((pid) => processStatus(pid).alive); waited += 20) await new Promise((done) => setTimeout(done, 20));
  return leftovers.length;
}
