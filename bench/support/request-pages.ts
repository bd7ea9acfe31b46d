import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface OverHttp {
  firstMs: number;
  p50: number;
  p95: number;
  runs: number;
  bytes: number;
}

/** Starts a fresh process serving the HTTP app (bench/support/web-over-http.ts) and requests a page through it. */
export function requestOverHttp(options: { url: string; now: Date; user: string; path: string; runs: number }): OverHttp {
  const script = fileURLToPath(new URL('./web-over-http.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, options.url, options.now.toISOString(), options.user, options.path, String(options.runs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the HTTP bench process failed with status ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as OverHttp;
}
