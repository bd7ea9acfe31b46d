import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The files Liaison keeps beside the embedded server's data in LIAISON_DATA_DIR. Both are readable by their owner
 * only (0600): the password opens the database, and `running.json` names who is using it.
 */
export const PASSWORD_FILE = 'pg-password';
export const RUNNING_FILE = 'running.json';

/** This data directory's password for the embedded server, made on first use. */
export async function dataDirPassword(dataDir: string): Promise<string> {
  const path = resolve(dataDir, PASSWORD_FILE);
  const existing = await readFile(path, 'utf8').then((text) => text.trim(), () => undefined);
  if (existing) return existing;
  const password = randomBytes(24).toString('hex');
  await writePrivate(path, `${password}\n`);
  return password;
}

/** Who runs the embedded server of a data directory, and where: so that CLI commands can use it, and a second start can say so. */
export interface RunningRecord {
  /** The process that started the server (its parent). */
  pid: number;
  databasePort: number;
  /** Set once a `liaison start` listens for HTTP. */
  httpPort?: number;
  command: string;
  startedAt: string;
}

export async function readRunning(dataDir: string): Promise<RunningRecord | undefined> {
  try {
    return JSON.parse(await readFile(resolve(dataDir, RUNNING_FILE), 'utf8')) as RunningRecord;
  } catch {
    return undefined;
  }
}

export async function writeRunning(dataDir: string, record: RunningRecord): Promise<void> {
  await writePrivate(resolve(dataDir, RUNNING_FILE), `${JSON.stringify(record)}\n`);
}

/** Removes the record if it is still this process's own (a newer process may have taken the directory over). */
export async function clearRunning(dataDir: string, pid = process.pid): Promise<void> {
  if ((await readRunning(dataDir))?.pid === pid) await rm(resolve(dataDir, RUNNING_FILE), { force: true });
}

/** Written whole under a temporary name and renamed, so that a reader never sees half a file; mode 0600 from the start. */
async function writePrivate(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

/** What PostgreSQL's `postmaster.pid` says: the server's PID, its data directory and port. */
export interface PostmasterLock {
  pid: number;
  dataDir: string;
  port: number;
}

export function readPostmasterLock(databaseDir: string): PostmasterLock | undefined {
  try {
    const [pid, dataDir, , port] = readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
    const parsed = { pid: Number(pid), dataDir: dataDir ?? '', port: Number(port) };
    return parsed.pid > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessStatus {
  alive: boolean;
  /** The executable's short name (`postgres`, `node`), when it could be read. */
  name?: string;
  parentPid?: number;
}

/** Whether a process exists, and what and whose child it is: from /proc on Linux, `ps` elsewhere. */
export function processStatus(pid: number): ProcessStatus {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false };
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid ...": the name may itself contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const [, parent] = stat.slice(close + 2).split(' ');
    if (stat.slice(close + 2).startsWith('Z')) return { alive: false };
    return { alive: true, name: stat.slice(stat.indexOf('(') + 1, close), parentPid: Number(parent) };
  } catch {
    try {
      const [parent, ...name] = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
      return { alive: true, name: name.join(' ').split('/').pop(), parentPid: Number(parent) };
    } catch {
      return { alive: true };
    }
  }
}
