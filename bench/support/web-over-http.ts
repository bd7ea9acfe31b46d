import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { parseEnv } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ManualClock } from '../../src/core/clock.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { connect } from '../../src/db/client.js';
import { startLiaison } from '../../src/main.js';
import { percentile } from '../report.js';

/**
 * A freshly started bot, through the same composition root as `npm start` (web and worker roles, console delivery,
 * the example organisation; no scheduler, whose jobs would write to the bench database), with its clock at `now`.
 * Like a browser, the bench waits only for `/readyz`, then signs `user` in through a one-time link and requests
 * `path` `runs + 1` times: the first request after start, then the rest. With `when` = `after-warm-up` the first
 * request waits for the bot's own log line saying its background warm-up is done (a leader arriving a few seconds
 * after a restart). Prints one JSON line: {firstMs, firstCpuMs (this process's CPU time meanwhile, bot and client),
 * p50, p95, runs, bytes, readyMs, signInMs, warmUpMs, modulesMs, figuresMs, warmingAtFirst}. Run by the web benches:
 * `node --import tsx bench/support/web-over-http.ts <db url> <now> <user> <path> <runs> [at-once|after-warm-up]`.
 */
const [url, nowIso, user, path, runsText, when = 'at-once'] = process.argv.slice(2) as [string, string, string, string, string, string | undefined];
const t0 = performance.now();
let warmUpMs: number | undefined;
let warmUpParts: { modulesMs?: number; figuresMs?: number } = {};
let warmed: () => void = () => {};
const warmedUp = new Promise<void>((resolve) => (warmed = resolve));
// The bot's log, read for the warm-up's line (its figure is the bot's own, from start-up's end).
const log = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; ms?: number; modulesMs?: number; figuresMs?: number; level?: number; reason?: string };
      if (entry.msg?.startsWith('web app warmed up')) {
        warmUpMs = entry.ms;
        warmUpParts = { modulesMs: entry.modulesMs, figuresMs: entry.figuresMs };
        warmed();
      } else if ((entry.level ?? 0) >= 40) process.stderr.write(`bot: ${entry.msg}${entry.reason ? `: ${entry.reason}` : ''}\n`);
    }
    done();
  },
});
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const dataDir = mkdtempSync(join(tmpdir(), 'liaison-web-bench-'));
const database = connect(url, { max: 10 });
const loaded = await loadConfig(undefined);
const running = await startLiaison({
  env: parseEnv({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LIAISON_DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
  loaded,
  database: { ...database, health: () => ({ ok: true }), shutdown: () => database.close() },
  logger: pino({ level: 'info' }, log),
  routingModel: { classifier: { classify: () => { throw new Error('not used'); } }, refresh: async () => undefined },
  platforms: async () => [],
  roles: new Set(['web', 'worker']),
  out: discard,
  clock: new ManualClock(nowIso),
});
const base = `http://127.0.0.1:${running.port}`;
for (let attempt = 0; !(await fetch(`${base}/readyz`)).ok; attempt += 1) {
  if (attempt > 100) throw new Error('the bot did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const readyMs = performance.now() - t0;

const signInStarted = performance.now();
const issued = await issueSignInToken(running.ctx, { platform: 'console', id: user, name: user });
if (issued.status !== 'issued') throw new Error(`no sign-in link for ${user}: ${issued.reason}`);
// As a browser following the link: its page first (whose button posts), then the post.
await (await fetch(`${base}/sign-in/${issued.token}`)).text();
const signIn = await fetch(`${base}/sign-in/${issued.token}`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
if (!cookie) throw new Error(`signing in answered ${signIn.status} without a session`);
const signInMs = performance.now() - signInStarted;
if (when === 'after-warm-up') await warmedUp;
const warmingAtFirst = warmUpMs === undefined;

const times: number[] = [];
let bytes = 0;
let firstCpuMs = 0;
for (let run = 0; run <= Number(runsText); run += 1) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const html = await response.text();
  times.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  if (run === 0) firstCpuMs = (used.user + used.system) / 1000;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${html.slice(0, 300)}`);
  bytes = html.length;
}
const [firstMs, ...rest] = times as [number, ...number[]];
process.stdout.write(`${JSON.stringify({ firstMs, firstCpuMs, p50: percentile(rest, 50), p95: percentile(rest, 95), runs: rest.length, bytes, readyMs, signInMs, warmUpMs, ...warmUpParts, warmingAtFirst })}\n`);
await running.stop();
rmSync(dataDir, { recursive: true, force: true });
