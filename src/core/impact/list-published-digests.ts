import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { deliveries, scheduledRuns } from '../../db/schema/index.js';
import { buildDigest } from '../build-digest.js';
import type { Context } from '../context.js';
import { digestParts } from '../digest/digest-parts.js';
import { weekContaining } from '../digest/period.js';
import { parseInput } from '../parse-input.js';
import { DigestChartData } from './digest-chart-data.js';

const Metrics = z.looseObject({
  received: z.number(), acknowledged: z.number(), resolved: z.number(), declined: z.number(), passedOn: z.number(), snoozed: z.number().optional(),
  medianFirstActionMs: z.number().nullable().optional(), medianResolutionMs: z.number().nullable().optional(),
  breaches: z.object({ acknowledge: z.number(), resolve: z.number() }),
  attainment: z.object({ acknowledgeDue: z.number(), acknowledgedInTime: z.number(), resolveDue: z.number(), resolvedInTime: z.number(), medianLatenessMs: z.number().nullable() }).optional(),
});
const Totals = Metrics.omit({ medianFirstActionMs: true, medianResolutionMs: true, attainment: true });
const Team = z.looseObject({ team: z.string(), name: z.string(), metrics: Metrics, previous: Metrics });
const Item = z.looseObject({ itemId: z.number(), text: z.string(), permalink: z.string().nullable(), teams: z.array(z.string()), hops: z.number() });
const Breach = z.looseObject({ itemId: z.number(), target: z.enum(['acknowledge', 'resolve']), lateByMs: z.number(), text: z.string(), permalink: z.string().nullable(), ladder: z.string().optional() });

/** The parts of a digest as they were posted (outbox payloads), parsed back for the archive. */
export const PublishedSummary = z.looseObject({
  organisation: z.string(), period: z.looseObject({ key: z.string() }), previousPeriod: z.looseObject({ key: z.string() }), asOf: z.string(),
  totals: z.object({ current: Totals, previous: Totals }), handoffs: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })), teams: z.array(Team),
  silos: z.object({ noAction: z.number(), passedAround: z.number(), acknowledgedNotResolved: z.number() }),
});
export const PublishedTeamPart = Team.extend({ period: z.string(), breaches: z.array(Breach) });
export const PublishedSilosPart = z.looseObject({
  period: z.string(), noAction: z.array(Item), passedAround: z.array(Item), acknowledgedNotResolved: z.array(Item),
  counts: z.object({ noAction: z.number(), passedAround: z.number(), acknowledgedNotResolved: z.number() }),
});
export type PublishedSummary = z.infer<typeof PublishedSummary>;
export type PublishedTeamPart = z.infer<typeof PublishedTeamPart>;
export type PublishedSilosPart = z.infer<typeof PublishedSilosPart>;

export interface PublishedDigest {
  key: string;
  audience: 'leadership' | 'team';
  team?: string;
  period: string;
  publishedAt: Date;
  /** `preview`: the running week as it stands now, never posted. */
  state: 'posted' | 'posting' | 'failed' | 'preview';
  summary?: PublishedSummary;
  teams: PublishedTeamPart[];
  silos?: PublishedSilosPart;
  chart?: DigestChartData;
}

export const ListPublishedDigestsInput = z.object({ team: z.string().optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(10) });
export type ListPublishedDigestsInput = z.input<typeof ListPublishedDigestsInput>;

export interface DigestArchive {
  /** The running week, as its digest would read now: shown first, clearly marked as a preview. */
  preview: PublishedDigest;
  digests: PublishedDigest[];
  page: number;
  pages: number;
  team?: string;
  teams: { id: string; name: string }[];
}

/**
 * Every digest Liaison posted (newest period first), each with the parts its thread carried, as stored in the
 * outbox, and the running week's digest as a preview. With `team`: that team's digests and the leadership ones.
 */
export async function listPublishedDigests(ctx: Context, raw: ListPublishedDigestsInput = {}): Promise<DigestArchive> {
  const input = parseInput(ListPublishedDigestsInput, raw);
  const which = input.team === undefined ? like(scheduledRuns.job, 'digest:%') : or(eq(scheduledRuns.job, 'digest:leadership'), like(scheduledRuns.key, `digest:team:${input.team}:%`));
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(scheduledRuns).where(which);
  const runs = await ctx.db.select().from(scheduledRuns).where(which).orderBy(desc(scheduledRuns.period), desc(scheduledRuns.ranAt)).limit(input.pageSize).offset((input.page - 1) * input.pageSize);
  const parts = runs.length === 0 ? [] : await ctx.db.select({ key: deliveries.key, kind: deliveries.kind, status: deliveries.status, payload: deliveries.payload }).from(deliveries)
    .where(and(inArray(deliveries.kind, ['digest_summary', 'digest_team', 'digest_silos', 'digest_chart']), or(...runs.map((r) => like(deliveries.key, `${r.key}:%`)))))
    .orderBy(deliveries.id);
  const digests = runs.map((run): PublishedDigest => {
    const mine = parts.filter((p) => p.key.startsWith(`${run.key}:`));
    const team = run.key.startsWith('digest:team:') ? run.key.split(':')[2] : undefined;
    const state = mine.some((p) => p.status === 'failed') ? 'failed' : mine.every((p) => p.status === 'sent' || p.status === 'skipped') ? 'posted' : 'posting';
    return { key: run.key, audience: team === undefined ? 'leadership' : 'team', team, period: run.period, publishedAt: run.ranAt, state, ...readParts(mine) };
  });
  const running = weekContaining(ctx.clock.now(), ctx.config.timezone);
  const report = await buildDigest(ctx, { period: running.key, team: input.team });
  const preview = digestParts(report);
  return {
    preview: { key: `preview:${running.key}`, audience: input.team === undefined ? 'leadership' : 'team', team: input.team, period: running.key, publishedAt: ctx.clock.now(), state: 'preview', ...readParts([...(preview.summary ? [{ kind: 'digest_summary', payload: preview.summary }] : []), ...preview.teams.map((payload) => ({ kind: 'digest_team', payload })), { kind: 'digest_silos', payload: preview.silos }]) },
    digests,
    page: input.page,
    pages: Math.max(1, Math.ceil((count?.n ?? 0) / input.pageSize)),
    team: input.team,
    teams: Object.entries(ctx.config.teams).map(([id, t]) => ({ id, name: t.name ?? id })),
  };
}

/** Parses each stored part; a part that no longer parses (an older payload shape) is left out rather than guessed. */
function readParts(rows: { kind: string; payload: unknown }[]): Pick<PublishedDigest, 'summary' | 'teams' | 'silos' | 'chart'> {
  const parsed = <T>(schema: z.ZodType<T>, kind: string) => rows.filter((r) => r.kind === kind).map((r) => schema.safeParse(r.payload)).flatMap((r) => (r.success ? [r.data] : []));
  return { summary: parsed(PublishedSummary, 'digest_summary')[0], teams: parsed(PublishedTeamPart, 'digest_team'), silos: parsed(PublishedSilosPart, 'digest_silos')[0], chart: parsed(DigestChartData, 'digest_chart')[0] };
}
