import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface OverHttp {
  firstMs: number;
  /** The bot process's CPU time (all its threads, the client's fetch included) during the first request. */
  firstCpuMs: number;
  p50: number;
  p95: number;
  runs: number;
  bytes: number;
  /** From the process's start to `/readyz` answering, and signing in (issuing the link, following it). */
  readyMs: number;
  signInMs: number;
  /** The bot's background warm-up, from the end of start-up (undefined if it had not finished by the last request). */
  warmUpMs?: number;
  modulesMs?: number;
  figuresMs?: number;
  /** The first request was sent while the warm-up was still under way. */
  warmingAtFirst: boolean;
}

/**
 * Starts a fresh bot (bench/support/web-over-http.ts) and requests a page through it: at once after signing in
 * (`at-once`, as a leader following a link to a bot that just restarted), or once its warm-up is done.
 */
export function requestOverHttp(options: { url: string; now: Date; user: string; path: string; runs: number; when?: 'at-once' | 'after-warm-up' }): OverHttp {
  const script = fileURLToPath(new URL('./web-over-http.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, options.url, options.now.toISOString(), options.user, options.path, String(options.runs), options.when ?? 'at-once'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the HTTP bench process failed with status ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as OverHttp;
}
