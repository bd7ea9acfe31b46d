import { serve } from '@hono/node-server';
import pino from 'pino';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Context } from '../../src/core/context.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { connect } from '../../src/db/client.js';
import { percentile } from '../report.js';

/**
 * A fresh process serving Liaison's HTTP app (the real Hono app, web app mounted) on a loopback port, as
 * `npm start` does, with the clock at `now`. Signs `user` in through a one-time link, then requests `path`
 * `runs + 1` times: the first request after start, then the rest. Prints {firstMs, p50, p95, bytes} as one
 * JSON line. Run by the web benches: `node --import tsx bench/support/web-over-http.ts <db url> <now> <user> <path> <runs>`.
 */
const [url, nowIso, user, path, runsText] = process.argv.slice(2) as [string, string, string, string, string];
const database = connect(url, { max: 10 });
const { config } = await loadConfig(undefined);
const clock = new ManualClock(nowIso);
const ctx: Context = { db: database.db, config, clock, logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
const app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, ctx.clock), web: { ctx, publicUrl: 'http://127.0.0.1' } });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;

const issued = await issueSignInToken(ctx, { platform: 'console', id: user, name: user });
if (issued.status !== 'issued') throw new Error(`no sign-in link for ${user}: ${issued.reason}`);
const signIn = await fetch(`${base}/sign-in/${issued.token}`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
if (!cookie) throw new Error(`signing in answered ${signIn.status} without a session`);

const times: number[] = [];
let bytes = 0;
for (let run = 0; run <= Number(runsText); run += 1) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const html = await response.text();
  times.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${html.slice(0, 300)}`);
  bytes = html.length;
}
const [firstMs, ...rest] = times as [number, ...number[]];
process.stdout.write(`${JSON.stringify({ firstMs, p50: percentile(rest, 50), p95: percentile(rest, 95), runs: rest.length, bytes })}\n`);
server.close();
await database.close();
