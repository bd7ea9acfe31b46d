import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import { buildDigest, type DigestReport } from '../core/build-digest.js';
import type { ManualClock } from '../core/clock.js';
import type { Context } from '../core/context.js';
import type { Period } from '../core/digest/period.js';
import { publishDigest } from '../core/publish-digest.js';
import { syncOrganisation } from '../core/sync-organisation.js';
import type { Db } from '../db/client.js';
import { OutboxWorker } from '../delivery/outbox-worker.js';
import { openRoutingModel } from '../cli/routing-model.js';
import { DemoChat } from './demo-chat.js';
import { playWeek, stepTime, type Tally } from './play-week.js';

/**
 * Plays the week, posts the leadership digest for it, and checks the digest against what was done. `web` is where
 * the demo's web app will serve this database, when it will: the printed cards link to their item pages there.
 */
export async function runDemo(deps: { db: Db; config: LiaisonConfig; clock: ManualClock; logger: Logger }, week: Period, out: Writable, options: { verbose: boolean; web?: string }): Promise<boolean> {
  const { db, config, clock, logger } = deps;
  await syncOrganisation(db, config);
  const model = await openRoutingModel(db, logger);
  const ctx: Context & { clock: ManualClock } = { db, config, clock, logger, classifier: model.classifier };
  const chat = new DemoChat(out, config.timezone, clock, options);
  const worker = new OutboxWorker({ db, config, clock, logger, ports: { console: chat }, pacingMs: { slack: 0, discord: 0, console: 0 }, sleep: async () => {} });
  const say = (line: string) => out.write(`${line}\n`);
  say(`\nA week at ${config.organisation.name}, ${week.key}: feedback from two communities and a forum, three teams.\n`);
  const { tally, skipped } = await playWeek(ctx, week, worker, say);
  clock.set(stepTime({ ...week, start: week.end }, 'Mon 09:00'));
  say(`\nMonday 09:00: the leadership digest for ${week.key} is posted.`);
  const published = await publishDigest(ctx, { kind: 'leadership' }, week.key, clock.now());
  await worker.drain();
  const report = published.report ?? (await buildDigest(ctx, { period: week.key }));
  const mismatches = [...compare(tally, report), ...skipped.map((s) => `step not played (routed elsewhere): ${s}`)];
  say(mismatches.length === 0 ? `\nThe digest matches what happened this week: ${summary(tally)}.\n` : `\nThe digest does not match the week:\n${mismatches.map((m) => `  - ${m}`).join('\n')}\n`);
  return mismatches.length === 0;
}

const FIGURES = ['received', 'acknowledged', 'resolved', 'declined', 'passedOn'] as const;

/** Differences between what the script did and what the digest says, figure by figure and team by team. */
export function compare(tally: Tally, report: DigestReport): string[] {
  return report.teams.flatMap((team) =>
    FIGURES.flatMap((figure) => {
      const did = tally[team.team]?.[figure].size ?? 0;
      const says = team.metrics[figure];
      return did === says ? [] : [`${team.name} ${figure}: the week did ${did}, the digest says ${says}`];
    }),
  );
}

function summary(tally: Tally): string {
  return Object.entries(tally).map(([team, t]) => `${team} received ${t.received.size}, resolved ${t.resolved.size}`).join('; ');
}
