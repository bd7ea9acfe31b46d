import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createHttpApp } from '../src/adapters/http/http-app.js';
import { HttpMetrics } from '../src/adapters/http/metrics.js';
import { createSlackAdapter } from '../src/adapters/slack/create-slack-adapter.js';
import { parseEnv } from '../src/config/env.js';
import { captureFeedback } from '../src/core/capture-feedback.js';
import { systemClock } from '../src/core/clock.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { connect, migrateDatabase } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { keywordClassifier } from '../tests/fakes/keyword-classifier.js';
import { testConfig } from '../tests/helpers/test-config.js';
import { FakeSlackApi } from '../tests/slack/helpers/fake-slack-api.js';
import { note, percentile, report } from './report.js';

/**
 * How fast the real Bolt app (HTTP mode, on Liaison's Hono server, with embedded PostgreSQL) acknowledges slash
 * commands, button clicks and events, at 100 requests a second for 20 seconds over loopback. Every request is
 * stored in the inbound log before it is acknowledged, and its work (capture, classification, recording) runs
 * meanwhile, as it would in production. Slack's limit is 3 s; the target is p99 ≤ 50 ms.
 */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SECRET = 'bench-signing-secret-0123456789';

const dataDir = await mkdtemp(join(tmpdir(), 'liaison-bench-slack-'));
const logger = pino({ level: 'silent' });
const embedded = await startEmbeddedPostgres(dataDir, logger, 'liaison_bench');
const database = connect(embedded.url, { max: 10 });
await migrateDatabase(database);
const config = testConfig();
await syncOrganisation(database.db, config);
const ctx = { db: database.db, config, clock: systemClock, logger, classifier: keywordClassifier() };
const fake = await new FakeSlackApi().start();
fake.groups.set('S0PROD', ['U0PRIYA']);
fake.groups.set('S0CM', ['U0MAYA']);
const adapter = createSlackAdapter({ ctx, env: parseEnv({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/` }), logger, clock: systemClock });
const app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, systemClock), extend: [(hono) => adapter.mountHttp?.(hono)] });
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
await adapter.start();

// Cards to click on: items routed to Product, as a capture leaves them.
const routingIds: number[] = [];
for (let i = 0; i < 20; i += 1) {
  const created = await captureFeedback(ctx, { source: { platform: 'slack', id: 'C0BIGCO' }, message: { platform: 'slack', channelId: 'C0BIGCO', id: `1790000000.${String(i).padStart(6, '0')}`, text: `Please add feature ${i}`, postedAt: new Date() }, author: { platform: 'slack', id: 'U0CUST', name: 'Casey' }, via: 'message' });
  if (created.status === 'created') routingIds.push(...created.routings.filter((r) => r.team === 'product').map((r) => r.id));
}

type Kind = 'command' | 'button' | 'event';
let sequence = 0;
function request(kind: Kind): { body: string; type: string } {
  sequence += 1;
  const ts = `${1_795_000_000 + sequence}.000100`;
  if (kind === 'event') {
    return { type: 'application/json', body: JSON.stringify({ type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0', event_id: `Ev${sequence}`, event_time: 1, event: { type: 'message', channel: 'C0BIGCO', user: 'U0CUST', text: `We would love feature ${sequence}, please add it`, ts, event_ts: ts, channel_type: 'channel' } }) };
  }
  if (kind === 'command') {
    return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ team_id: 'T0TEST', channel_id: 'C0BIGCO', user_id: 'U0MAYA', user_name: 'maya', command: '/feedback', text: `community:bigco Please add feature ${sequence}`, response_url: `${fake.url}/respond/${sequence}`, trigger_id: `${sequence}.trigger` }).toString() };
  }
  const routing = routingIds[sequence % routingIds.length];
  const payload = { type: 'block_actions', user: { id: 'U0PRIYA', name: 'priya', team_id: 'T0TEST' }, team: { id: 'T0TEST' }, api_app_id: 'A0', trigger_id: `${sequence}.trigger`, container: { type: 'message', message_ts: ts, channel_id: 'C0PRODUCT' }, channel: { id: 'C0PRODUCT' }, message: { ts, type: 'message' }, response_url: `${fake.url}/respond/${sequence}`, actions: [{ action_id: 'card:acknowledge', block_id: 'b', type: 'button', value: `${routing}:product`, action_ts: `${ts}${sequence}` }] };
  return { type: 'application/x-www-form-urlencoded', body: `payload=${encodeURIComponent(JSON.stringify(payload))}` };
}

async function send(kind: Kind): Promise<{ kind: Kind; ms: number; status: number }> {
  const { body, type } = request(kind);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': type, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature } });
  await response.arrayBuffer();
  return { kind, ms: performance.now() - started, status: response.status };
}

// Warm up (JIT, connection pool, the user-group cache), then an open loop: requests leave on schedule whatever
// the answers do, so slow answers show up as latency instead of lowering the rate.
for (const kind of ['command', 'button', 'event'] as Kind[]) await Promise.all(Array.from({ length: 10 }, () => send(kind)));
await adapter.idle();
note(`# slack ack: ${RATE} req/s for ${SECONDS} s, commands, buttons and events in turn`);
const kinds: Kind[] = ['command', 'button', 'event'];
const pending: Promise<{ kind: Kind; ms: number; status: number }>[] = [];
const start = performance.now();
for (let i = 0; i < RATE * SECONDS; i += 1) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(send(kinds[i % kinds.length] as Kind));
}
const results = await Promise.all(pending);
const elapsed = (performance.now() - start) / 1000;
await adapter.idle();

for (const kind of kinds) {
  const mine = results.filter((r) => r.kind === kind);
  const ms = mine.map((r) => r.ms);
  report(`slack_ack_${kind}_p50`, percentile(ms, 50), 'ms');
  report(`slack_ack_${kind}_p99`, percentile(ms, 99), 'ms');
  const failed = mine.filter((r) => r.status !== 200).length;
  if (failed > 0) note(`# ${kind}: ${failed} of ${mine.length} answered other than 200`);
}
report('slack_ack_rate', results.length / elapsed, 'req/s');
report('slack_ack_non_200', results.filter((r) => r.status !== 200).length, 'requests');

await adapter.stop();
server.close();
await fake.close();
await database.close();
await embedded.stop();
await rm(dataDir, { recursive: true, force: true });
