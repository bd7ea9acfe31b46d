import { scheduledRuns } from '../db/schema/index.js';
import { buildDigest, type DigestReport } from './build-digest.js';
import type { Context } from './context.js';
import { digestParts, plain } from './digest/digest-parts.js';
import { digestChartData } from './impact/digest-chart-data.js';
import { channelTarget, enqueueDeliveries, teamHome } from './outbox.js';

export type DigestAudience = { kind: 'leadership' } | { kind: 'team'; team: string };

/**
 * Posts the digest for a period exactly once: the run's key (`digest:leadership:2026-W47`) is inserted in the same
 * transaction as the thread's deliveries, so a second instance, a restart or a catch-up finds it taken. The
 * leadership thread also gets its chart image (`digest_chart`: its figures now, its picture drawn when sent).
 */
export async function publishDigest(ctx: Context, audience: DigestAudience, periodKey: string, dueAt: Date): Promise<{ published: boolean; key: string; report?: DigestReport; refused?: 'period_running' }> {
  const report = await buildDigest(ctx, { period: periodKey, team: audience.kind === 'team' ? audience.team : undefined });
  const key = audience.kind === 'leadership' ? `digest:leadership:${report.period.key}` : `digest:team:${audience.team}:${report.period.key}`;
  // A period still running would be posted half-told and use up its once-only slot: the real digest would never come.
  if (report.running) return { published: false, key, report, refused: 'period_running' };
  const home = audience.kind === 'leadership' ? ctx.config.digests.leadership?.home : ctx.config.teams[audience.team]?.home;
  if (!home) return { published: false, key };
  const target = audience.kind === 'leadership' ? channelTarget(home) : teamHome(ctx.config, audience.team);
  const chart = audience.kind === 'leadership' ? await digestChartData(ctx, report.period) : undefined;
  const parts = digestParts(report);
  const now = ctx.clock.now();
  const published = await ctx.db.transaction(async (tx) => {
    const claimed = await tx.insert(scheduledRuns).values({ key, job: `digest:${audience.kind}`, period: report.period.key, dueAt, ranAt: now, result: { received: report.totals.current.received } }).onConflictDoNothing().returning({ key: scheduledRuns.key });
    if (claimed.length === 0) return false;
    if (!parts.summary) {
      const ids = await enqueueDeliveries(tx, now, [{ key: `${key}:team`, kind: 'digest_team', target, payload: parts.teams[0] ?? {} }]);
      await enqueueDeliveries(tx, now, [{ key: `${key}:silos`, kind: 'digest_silos', target, parentId: ids.get(`${key}:team`), payload: parts.silos }]);
      return true;
    }
    const ids = await enqueueDeliveries(tx, now, [{ key: `${key}:summary`, kind: 'digest_summary', target, payload: parts.summary }]);
    const parentId = ids.get(`${key}:summary`);
    await enqueueDeliveries(tx, now, [
      ...report.teams.map((team, i) => ({ key: `${key}:team:${team.team}`, kind: 'digest_team' as const, target, parentId, payload: parts.teams[i] ?? {} })),
      { key: `${key}:silos`, kind: 'digest_silos' as const, target, parentId, payload: parts.silos },
      ...(chart ? [{ key: `${key}:chart`, kind: 'digest_chart' as const, target, parentId, payload: plain(chart) }] : []),
    ]);
    return true;
  });
  if (published) ctx.logger.info({ key, received: report.totals.current.received }, 'digest published');
  return { published, key, report };
}
