import { and, asc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackItems, members, routings, trackerIssues, voices } from '../db/schema/index.js';
import type { ActorRef } from '../db/schema/routing.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { excerpt } from './inert-text.js';
import { InboxFilter, type InboxFilterInput } from './inbox/inbox-filter.js';
import { undoableByViewer } from './inbox/undoable-by-viewer.js';
import { routingMoves, visibleTeams, type RoutingMoves } from './inbox/viewer-moves.js';
import { parseInput } from './parse-input.js';
import { routingSlaStatus, type SlaStatus } from './sla/sla-status.js';

export const ListInboxInput = z.object({ viewer: Actor, filter: InboxFilter.default({ page: 1, pageSize: 50 }) });
export type ListInboxInput = { viewer: z.input<typeof Actor>; filter?: InboxFilterInput };

export interface InboxRow {
  routingId: number;
  itemId: number;
  team: { id: string; name: string };
  status: 'open' | 'acknowledged' | 'owned';
  priority: 'normal' | 'high' | 'urgent';
  title: string | null;
  excerpt: string;
  community: { id: string; name: string };
  category: string;
  authorName: string;
  voices: number;
  /** When it reached this team. */
  routedAt: Date;
  owner: ActorRef | null;
  hops: number;
  sla: SlaStatus;
  snoozeReason: string | null;
  moves: RoutingMoves;
}

export interface Inbox {
  rows: InboxRow[];
  total: number;
  page: number;
  pages: number;
  filter: InboxFilter;
  /** What the filters offer this person: the teams they see, every community. */
  choices: { teams: { id: string; name: string }[]; communities: { id: string; name: string }[] };
  now: Date;
}

const ACTIVE = ['open', 'acknowledged', 'owned'] as const;
const riskNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeAtRiskAt} else ${routings.resolveAtRiskAt} end`;
const dueNow = sql`case when ${routings.status} = 'open' then ${routings.acknowledgeDueAt} else ${routings.resolveDueAt} end`;
const DAY_MS = 86_400_000;

/**
 * The open routings a person's teams owe an answer on (every team for community managers and leadership), the one whose SLA risk
 * came first at the top: at risk earliest, then due earliest, then oldest; routings without a target last.
 */
export async function listInbox(ctx: Context, raw: ListInboxInput): Promise<Inbox> {
  const { viewer, filter } = parseInput(ListInboxInput, raw);
  const { config } = ctx;
  const now = ctx.clock.now();
  const seen = visibleTeams(config, viewer);
  if (filter.team && !(filter.team in config.teams)) throw new DomainError('not_found', { reason: 'unknown_team', details: { team: filter.team, field: 'team' } });
  if (filter.team && !seen.includes(filter.team)) throw new DomainError('not_permitted', { reason: 'inbox_not_your_team', details: { team: filter.team, teamName: config.teams[filter.team]?.name ?? filter.team } });
  if (filter.community && !(filter.community in config.communities)) throw new DomainError('not_found', { reason: 'unknown_community', details: { community: filter.community, field: 'community' } });
  const choices = {
    teams: seen.map((id) => ({ id, name: config.teams[id]?.name ?? id })),
    communities: Object.entries(config.communities).map(([id, c]) => ({ id, name: c.name ?? id })),
  };
  const teams = filter.team ? [filter.team] : seen;
  if (teams.length === 0) return { rows: [], total: 0, page: 1, pages: 1, filter, choices, now };
  const where = and(...conditions(teams, filter, now));
  // Counted and ordered in one pass on routings alone (the routings_inbox index holds a team's open routings in
  // this order); only the page's IDs come back, and its rows are read afterwards by ID.
  const pageOf = (n: number) => ctx.db
    .select({ id: routings.id, itemId: routings.itemId, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(routings)
    .where(where)
    .orderBy(sql`${riskNow} asc nulls last`, sql`${dueNow} asc nulls last`, asc(routings.createdAt), asc(routings.id))
    .limit(filter.pageSize)
    .offset((n - 1) * filter.pageSize);
  let page = filter.page;
  let ordered = await pageOf(page);
  let total = ordered[0]?.total ?? 0;
  if (ordered.length === 0 && page > 1) {
    // Past the last page (the list got shorter since the link was made): the last page there is.
    total = await ctx.db.$count(routings, where);
    page = Math.max(1, Math.ceil(total / filter.pageSize));
    ordered = total === 0 ? [] : await pageOf(page);
  }
  const pages = Math.max(1, Math.ceil(total / filter.pageSize));
  const ids = ordered.map((o) => o.id);
  // Everything else the page shows, by the page's IDs, at once.
  const [full, details, undoable, withIssue] = ids.length === 0
    ? [[], new Map(), new Map(), new Set<number>()] as const
    : await Promise.all([
      ctx.db.select().from(routings).where(inArray(routings.id, ids)),
      itemDetails(ctx, ordered.map((o) => o.itemId)),
      undoableByViewer(ctx.db, viewer, ids),
      ctx.db.select({ id: trackerIssues.routingId }).from(trackerIssues).where(and(inArray(trackerIssues.routingId, ids), ne(trackerIssues.status, 'failed'))).then((found) => new Set(found.map((r) => r.id))),
    ]);
  const byId = new Map(full.map((r) => [r.id, r]));
  const found = ordered.flatMap((o) => {
    const routing = byId.get(o.id);
    const row = routing && details.get(routing.itemId);
    return routing && row ? [{ routing, ...row }] : [];
  });
  const rows = found.map(({ routing, ...row }): InboxRow => ({
    routingId: routing.id,
    itemId: routing.itemId,
    team: { id: routing.teamId, name: config.teams[routing.teamId]?.name ?? routing.teamId },
    status: routing.status as InboxRow['status'],
    priority: routing.priority,
    title: row.title,
    excerpt: excerpt(row.text, 200),
    community: { id: row.communityId, name: config.communities[row.communityId]?.name ?? row.communityId },
    category: row.category,
    authorName: row.authorName,
    voices: row.voices,
    routedAt: routing.createdAt,
    owner: routing.owner,
    hops: routing.hops,
    sla: routingSlaStatus(config, routing, now),
    snoozeReason: routing.snoozedUntil && routing.snoozedUntil > now ? routing.snoozeReason : null,
    moves: routingMoves(config, viewer, routing, { undo: undoable.get(routing.id), hasIssue: withIssue.has(routing.id) }),
  }));
  return { rows, total, page, pages, filter: { ...filter, page }, choices, now };
}

function conditions(teams: string[], filter: InboxFilter, now: Date): (SQL | undefined)[] {
  const item = [
    filter.community ? sql`f.community_id = ${filter.community}` : undefined,
    filter.category ? sql`f.category = ${filter.category}` : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return [
    inArray(routings.teamId, teams),
    filter.status ? eq(routings.status, filter.status) : inArray(routings.status, [...ACTIVE]),
    item.length > 0 ? sql`exists (select 1 from feedback_items f where f.id = ${routings.itemId} and ${sql.join(item, sql` and `)})` : undefined,
    filter.olderThanDays ? lte(routings.createdAt, new Date(now.getTime() - filter.olderThanDays * DAY_MS)) : undefined,
    filter.escalated === 'yes' ? ne(routings.priority, 'normal') : filter.escalated === 'no' ? eq(routings.priority, 'normal') : undefined,
  ];
}

/** What a row shows of its item, for one page of items: two queries however long the page. */
async function itemDetails(ctx: Context, itemIds: number[]) {
  if (itemIds.length === 0) return new Map<number, { title: string | null; text: string; communityId: string; category: string; authorName: string; voices: number }>();
  const [rows, counts] = await Promise.all([
    ctx.db
      .select({ id: feedbackItems.id, title: feedbackItems.title, text: sql<string>`left(${feedbackItems.text}, 400)`, communityId: feedbackItems.communityId, category: feedbackItems.category, authorName: members.displayName })
      .from(feedbackItems)
      .innerJoin(members, eq(members.id, feedbackItems.authorId))
      .where(inArray(feedbackItems.id, itemIds)),
    ctx.db.select({ itemId: voices.itemId, n: sql<number>`count(*)::int` }).from(voices).where(inArray(voices.itemId, itemIds)).groupBy(voices.itemId),
  ]);
  const voiceCount = new Map(counts.map((c) => [c.itemId, c.n]));
  return new Map(rows.map(({ id, ...row }) => [id, { ...row, voices: voiceCount.get(id) ?? 0 }]));
}
