import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readRunning, type RunningRecord } from '../../../src/db/data-dir.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * What `npm start` runs: src built by esbuild (the package's build settings) into a folder of its own, beside
 * links to what the built code reads from the project (migrations, the example config, fonts, node_modules).
 */
export async function buildLiaison(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'liaison-built-'));
  await build({ entryPoints: ['src/**/*.ts', 'src/**/*.tsx'], absWorkingDir: ROOT, outdir: join(root, 'dist'), platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  for (const entry of ['drizzle', 'liaison.example.yaml', 'assets', 'node_modules', 'package.json']) await symlink(join(ROOT, entry), join(root, entry));
  return root;
}

export interface LiaisonProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node dist/cli.js <args>` of a built copy with its own environment (no DATABASE_URL unless given). */
export function runLiaison(root: string, args: string[], env: Record<string, string>): LiaisonProcess {
  const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, env: { ...inherited, LOG_LEVEL: 'warn', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, output: () => chunks.join(''), exited };
}

/** Polls `running.json` until the given process has recorded its HTTP port; fails as soon as the process exits. */
export async function whenListening(dataDir: string, liaison: LiaisonProcess, timeoutMs: number): Promise<RunningRecord & { httpPort: number }> {
  const until = Date.now() + timeoutMs;
  let ended = false;
  void liaison.exited.then(() => (ended = true));
  for (;;) {
    const record = await readRunning(dataDir);
    if (record && record.pid === liaison.child.pid && record.httpPort !== undefined) return record as RunningRecord & { httpPort: number };
    if (ended) throw new Error(`Liaison exited before listening:\n${liaison.output()}`);
    if (Date.now() > until) throw new Error(`Liaison was not listening within ${timeoutMs} ms:\n${liaison.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls a URL until it answers `status`, within `timeoutMs`; each request is bounded too. */
export async function whenAnswering(url: string, status: number, timeoutMs: number): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (response?.status === status) return response;
    if (Date.now() > until) throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${response?.status ?? 'no answer'})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ends a process if it still runs, and waits for it (a bounded SIGKILL). */
export async function kill(liaison: LiaisonProcess | undefined): Promise<void> {
  if (!liaison || liaison.child.exitCode !== null || liaison.child.signalCode !== null) return;
  liaison.child.kill('SIGKILL');
  await liaison.exited;
}
