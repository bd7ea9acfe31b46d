/**
 * `npm run faults [-- --quick] [-- --only name,name]`: the fault plan against the real bot — spawned processes on
 * loopback, the tests' Slack and Discord doubles, a real PostgreSQL — one JSON line per test on stdout. Exits 1 when
 * a test lost something, doubled something, needed a manual step or failed its bound.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { botKilled, databasePaused, embeddedDatabaseKilled, restartAfterKill } from './scenarios/crashes.js';
import { duplicateEvents, platformStorms } from './scenarios/platforms.js';
import { load, oversizedBodies } from './scenarios/pressure.js';
import { threeInstances } from './scenarios/instances.js';
import type { FaultResult, Scenario } from './lib/report.js';

const PLAN: [name: string, run: Scenario][] = [
  ['duplicate-and-replayed-events', duplicateEvents],
  ['oversized-bodies', oversizedBodies],
  ['bot-kill-9-mid-load', botKilled],
  ['bot-kill-9-then-plain-restart', restartAfterKill],
  ['embedded-database-kill-9', embeddedDatabaseKilled],
  ['database-paused-20s', databasePaused],
  ['three-instances-one-database', threeInstances],
  ['platform-429-storms-and-lost-answers', platformStorms],
  ['load', load],
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;

// The suite runs what `npm start` runs: the built bot.
execFileSync('npm', ['run', 'build', '--silent'], { cwd: resolve(import.meta.dirname, '..'), stdio: 'inherit' });

let failed = 0;
for (const [name, run] of PLAN) {
  if (only && !only.has(name)) continue;
  const started = Date.now();
  let line: FaultResult;
  try {
    line = { test: name, ...(await run({ quick })), durationMs: Date.now() - started };
  } catch (error) {
    line = { test: name, ok: false, sent: 0, stored: 0, lost: 0, doubled: 0, recoveryMs: null, manualSteps: 1, durationMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
  if (!line.ok) failed += 1;
  process.stdout.write(`${JSON.stringify({ ...line, quick })}\n`);
}
process.exit(failed === 0 ? 0 : 1);
