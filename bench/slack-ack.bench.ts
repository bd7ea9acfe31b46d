import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
// BENCH_WORK=off leaves the work after each acknowledgement undone, to show the acknowledgement path on its own.
const workOff = process.env.BENCH_WORK === 'off';
const adapter = createSlackAdapter({ workConcurrency: workOff ? 0 : undefined, ctx, env: parseEnv({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/` }), logger, clock: systemClock });
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

// The load comes from a separate process, so that the client's own work is not counted as Liaison's latency.
const kinds = ['command', 'button', 'event'] as const;
note(`# slack ack: ${RATE} req/s for ${SECONDS} s, commands, buttons and events in turn; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`);
const client = await runClient({ url, secret: SECRET, rate: RATE, seconds: SECONDS, respondUrl: `${fake.url}/respond`, routingIds });
if (client.status !== 0) throw new Error(`load client failed: ${client.stderr}`);
const { results, elapsed } = JSON.parse(client.stdout) as { results: { kind: string; ms: number; status: number }[]; elapsed: number };
const backlogStart = performance.now();
if (!workOff) await adapter.idle();
note(workOff ? '# work after the acknowledgements: off' : `# work after the acknowledgements finished ${((performance.now() - backlogStart) / 1000).toFixed(1)} s after the last request`);

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

if (!workOff) await adapter.stop();
server.close();
await fake.close();
await database.close();
await embedded.stop();
await rm(dataDir, { recursive: true, force: true });

/** Runs the load client as its own process (not blocking this one, which must answer it) and collects its output. */
function runClient(input: Record<string, unknown>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./slack-load-client.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(JSON.stringify(input));
  });
}
