import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { bounded, elapsed, pause } from './time.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * One real Liaison process (`node dist/cli.js start`), as an operator runs it. The suite plays the supervisor: it
 * starts it again after it exits or is killed, and that plain restart is the only thing it ever does to recover.
 */
export class Bot {
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> | undefined;
  readonly exits: (number | null)[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  get alive(): boolean {
    return this.pid !== undefined;
  }

  start(): void {
    if (this.alive) throw new Error(`${this.name} is already running`);
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['dist/cli.js', 'start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(this.port), LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn', ...this.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exit = new Promise((done) => child.once('exit', (code, signal) => {
      const status = code ?? (signal ? -1 : null);
      this.exits.push(status);
      done(status);
    }));
  }

  /** Waits until /readyz says ready (or the process exits, or the bound passes); returns how long it took. */
  async ready(boundMs = 30_000): Promise<number | undefined> {
    const started = Date.now();
    const ok = await bounded(boundMs, 100, async () => {
      if (!this.alive) return 'stop';
      const status = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
      return status === 200;
    });
    return ok ? elapsed(started) : undefined;
  }

  /** What a crash looks like: no chance to clean up. */
  async kill9(): Promise<void> {
    if (!this.child || !this.alive) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM, as an orchestrator stops it; returns how long it took to exit (SIGKILL after 15 s, reported as such). */
  async stop(): Promise<{ ms: number; forced: boolean }> {
    const started = Date.now();
    if (!this.child || !this.alive) return { ms: 0, forced: false };
    this.child.kill('SIGTERM');
    const ended = await Promise.race([this.exit, pause(15_000).then(() => 'timeout' as const)]);
    if (ended === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exit;
      return { ms: elapsed(started), forced: true };
    }
    return { ms: elapsed(started), forced: false };
  }

  /** Resolves with the exit status once the process has exited by itself. */
  exited(): Promise<number | null> {
    return this.exit ?? Promise.resolve(null);
  }
}
