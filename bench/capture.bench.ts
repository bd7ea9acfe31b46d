import pino from 'pino';
import { loadConfig } from '../src/config/load-config.js';
import { captureFeedback } from '../src/core/capture-feedback.js';
import { systemClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { openRoutingModel } from '../src/cli/routing-model.js';
import { benchDatabase } from './support/bench-database.js';
import { feedbackText } from './support/feedback-texts.js';
import { ownCpuSeconds, serverCpuReader } from './support/server-cpu.js';
import { note, percentile, report } from './report.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const COMMIT_SECONDS = Number(process.env.BENCH_COMMIT_SECONDS ?? 10);

/**
 * Capture throughput: 20,000 community messages through capture → classify → route → outbox, CONCURRENCY at a time
 * (concurrent captures share transactions: group commit), on the example organisation. Beside it, the same server's
 * own limit: single-row INSERT transactions at the same concurrency, as pgbench's simplest script does.
 */
const database = await benchDatabase(CONCURRENCY + 2);
const logger = pino({ level: 'silent' });
const { config } = await loadConfig(undefined);
await syncOrganisation(database.db, config);
const model = await openRoutingModel(database.db, logger);
const ctx: Context = { db: database.db, config, clock: systemClock, logger, classifier: model.classifier };

const capture = (i: number) =>
  captureFeedback(ctx, {
    source: { platform: 'discord', id: '1100000000000000011' },
    message: { platform: 'discord', channelId: '1100000000000000011', id: `bench-${i}`, text: feedbackText(i), postedAt: new Date() },
    author: { platform: 'discord', id: `member-${i % 500}`, name: `member ${i % 500}` },
    via: 'message',
  });

for (let i = 0; i < 500; i += 1) await capture(ITEMS + i); // warm-up: JIT, connection pool, caches

const serverCpu = await serverCpuReader(database.sql);
const commitServerCpu: number[] = [];

/** Single-row commits per second on this server, CONCURRENCY clients for COMMIT_SECONDS (prepared, one round trip each). */
async function commitLimit(seconds: number): Promise<number> {
  await database.sql`create table if not exists bench_commit_limit (id bigserial primary key, v int not null, at timestamptz not null default now())`;
  let commits = 0;
  const serverBefore = serverCpu?.();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, client) => {
    while (performance.now() < until) {
      await database.sql`insert into bench_commit_limit (v) values (${client})`;
      commits += 1;
    }
  }));
  const rate = commits / ((performance.now() - started) / 1000);
  const serverAfter = serverCpu?.();
  if (serverBefore !== undefined && serverAfter !== undefined) commitServerCpu.push((serverAfter - serverBefore) / commits);
  await database.sql`drop table bench_commit_limit`;
  return rate;
}
const commitsBefore = await commitLimit(COMMIT_SECONDS);

const latencies: number[] = [];
let next = 0;
const cpuBefore = { own: ownCpuSeconds(), server: serverCpu?.() };
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ITEMS) {
      const i = next++;
      const t0 = performance.now();
      await capture(i);
      latencies.push(performance.now() - t0);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpuAfter = { own: ownCpuSeconds(), server: serverCpu?.() };
const [counts] = await database.sql`select (select count(*) from feedback_items) as items, (select count(*) from routings) as routings, (select count(*) from deliveries) as deliveries`;
const [batches] = await database.sql`select count(distinct xmin::text)::int as n from feedback_items`;
note(`mean batch ${(Number(counts?.items) / Number(batches?.n)).toFixed(2)} captures per transaction`);
note(`captured ${counts?.items} items, ${counts?.routings} routings, ${counts?.deliveries} deliveries (incl. warm-up) at concurrency ${CONCURRENCY}`);
// Measured before and after the captures, since the machine's load moves: the ratio uses their mean.
const commitsAfter = await commitLimit(COMMIT_SECONDS);
const commitRate = (commitsBefore + commitsAfter) / 2;
report('capture_throughput', ITEMS / seconds, 'items/s', { items: ITEMS, concurrency: CONCURRENCY });
report('capture_commit_limit_tps', commitRate, 'commits/s', { concurrency: CONCURRENCY, before: Math.round(commitsBefore), after: Math.round(commitsAfter) });
report('capture_ratio_to_commit_limit', ITEMS / seconds / commitRate, 'ratio');
// CPU per capture on each side (this process: validation, classification, routing, the wire; the server: the
// statement and its commit), which the machine's load moves far less than the wall-clock figures above.
report('capture_cpu_per_item_us', ((cpuAfter.own - cpuBefore.own) / ITEMS) * 1e6, 'us', { side: 'bench process' });
if (cpuBefore.server !== undefined && cpuAfter.server !== undefined) {
  report('capture_server_cpu_per_item_us', ((cpuAfter.server - cpuBefore.server) / ITEMS) * 1e6, 'us', {
    side: 'PostgreSQL server', per_single_row_commit_us: Math.round((commitServerCpu.reduce((a, b) => a + b, 0) / commitServerCpu.length) * 1e6),
  });
}
report('capture_latency_p50', percentile(latencies, 50), 'ms');
report('capture_latency_p99', percentile(latencies, 99), 'ms');
await database.dispose();
