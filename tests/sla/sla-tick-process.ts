/**
 * One Liaison instance for the multi-instance test: its own process, its own connection pool, the scheduler's SLA
 * job. It connects, says "ready", waits for "go" on stdin (so that all instances start together without anyone
 * sleeping), then ticks once at each time given and exits.
 *   node --import tsx tests/sla/sla-tick-process.ts <database-url> <iso-time>[,<iso-time>...]
 */
import { once } from 'node:events';
import pino from 'pino';
import { ManualClock } from '../../src/core/clock.js';
import { connect } from '../../src/db/client.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { slaJobs } from '../../src/jobs/sla-job.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { testConfig } from '../helpers/test-config.js';

const [url, times] = process.argv.slice(2);
if (!url || !times) throw new Error('usage: sla-tick-process <database-url> <iso-time>[,<iso-time>...]');
const ticks = times.split(',');
const database = connect(url, { max: 3 });
const clock = new ManualClock(ticks[0] as string);
const logger = pino({ level: 'warn' });
const config = testConfig();
const scheduler = new Scheduler(slaJobs({ db: database.db, config, clock, logger, classifier: keywordClassifier() }), logger, config.timezone);
await database.sql`select 1`;
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.destroy(); // an open stdin would keep the process alive after its ticks
for (const at of ticks) {
  clock.set(at);
  await scheduler.tick();
}
await database.close();
process.stdout.write('done\n');
