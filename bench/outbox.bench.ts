import { Writable } from 'node:stream';
import pino from 'pino';
import { ConsoleChat } from '../src/adapters/console/console-chat.js';
import { loadConfig } from '../src/config/load-config.js';
import { captureFeedback } from '../src/core/capture-feedback.js';
import { systemClock } from '../src/core/clock.js';
import type { Context } from '../src/core/context.js';
import { syncOrganisation } from '../src/core/sync-organisation.js';
import { OutboxWorker } from '../src/delivery/outbox-worker.js';
import { openRoutingModel } from '../src/cli/routing-model.js';
import { benchDatabase } from './support/bench-database.js';
import { feedbackText } from './support/feedback-texts.js';
import { note, report } from './report.js';

const ITEMS = Number(process.env.BENCH_OUTBOX_ITEMS ?? 5_000);

/**
 * One worker draining a backlog of routed cards to the terminal console (its text drawn, written to a sink): how
 * many deliveries per second the outbox itself manages when no platform limit is in the way.
 */
const database = await benchDatabase(8);
const logger = pino({ level: 'silent' });
const { config } = await loadConfig(undefined);
await syncOrganisation(database.db, config);
const model = await openRoutingModel(database.db, logger);
const ctx: Context = { db: database.db, config, clock: systemClock, logger, classifier: model.classifier };
let next = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  while (next < ITEMS) {
    const i = next++;
    await captureFeedback(ctx, {
      source: { platform: 'discord', id: '1100000000000000011' },
      message: { platform: 'discord', channelId: '1100000000000000011', id: `outbox-${i}`, text: feedbackText(i), postedAt: new Date() },
      author: { platform: 'discord', id: `member-${i % 500}`, name: `member ${i % 500}` },
      via: 'message',
    });
  }
}));
const [{ waiting } = { waiting: 0 }] = await database.sql<{ waiting: string }[]>`select count(*) as waiting from deliveries where status = 'pending'`;
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const chat = new ConsoleChat(sink, config.timezone, systemClock);
const worker = new OutboxWorker({ db: database.db, config, clock: systemClock, logger, ports: { console: chat } });
const started = performance.now();
const cpu = process.cpuUsage();
const sent = await worker.drain(100_000);
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpu);
note(`drained ${sent} of ${waiting} deliveries (cards to ${new Set(Object.values(config.teams).map((t) => JSON.stringify(t.home))).size} team channels) in ${seconds.toFixed(1)} s`);
report('outbox_drain_console_per_s', sent / seconds, 'deliveries/s', { deliveries: sent, workerCpuMsPerDelivery: Number(((user + system) / 1000 / sent).toFixed(2)) });
await database.dispose();
