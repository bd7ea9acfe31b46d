import type { LiaisonConfig } from '../config/schema.js';
import { anyOf } from '../db/any-of.js';
import type { DbOrTx } from '../db/client.js';
import { routings } from '../db/schema/index.js';
import { isActive, TRANSITIONS, type TeamAction } from './actions/transitions.js';
import { similarOpenItemsOfMany, type SimilarItem } from './duplicates/similar-open-items.js';
import { loadItemViews, type ActionView, type ItemView, type RoutingView } from './items/item-views.js';
import { routingSlaStatus, type SlaStatus } from './sla/sla-status.js';
import { loadCardIssues, type CardIssue, type IssueAction } from './trackers/card-issue.js';

/** What a team's card shows: the feedback, why it came here, where it stands, and what can still be done. */
export interface RoutingCard {
  item: ItemView;
  routing: RoutingView;
  /** Buttons in order; empty once the routing is closed (except reopen). */
  available: TeamAction[];
  /** The latest thing a person did here, for "Resolved by Sam (Support) at …". */
  lastAction: ActionView | undefined;
  /** Where a passed-on item went. */
  passedTo: string | undefined;
  /** Teams an unsure routing suggests, as one-click corrections. */
  suggestions: { team: string; teamName: string; category: string; confidence: number }[];
  /** On track, at risk or breached, against what is owed next. */
  sla: SlaStatus;
  /** The routing's issue in its team's tracker, when the team has one and an issue is linked or on its way. */
  issue?: CardIssue;
  /** Create issue / Link issue, offered while the team has a tracker, the card is open and has no issue. */
  issueActions?: IssueAction[];
  /** Open items that read like this one, offered as "Looks like #12 — merge?" while the routing is open. */
  duplicates: SimilarItem[];
}

const SHOWN_DUPLICATES = 3;

const BUTTON_ORDER: TeamAction[] = ['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen'];
const SHOWN_ACTIONS = new Set(['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'undo', 'escalate', 'snooze', 'create_issue', 'link_issue']);

/** Built when a card is sent or updated, so that the card always shows the routing's current state (and today's look-alikes). */
export async function loadRoutingCard(db: DbOrTx, config: LiaisonConfig, routingId: number, now: Date): Promise<RoutingCard | undefined> {
  return (await loadRoutingCards(db, config, [routingId], now)).get(routingId);
}

/** Many cards in a fixed number of queries (the outbox draws a burst's cards together). Missing routings are left out. */
export async function loadRoutingCards(db: DbOrTx, config: LiaisonConfig, routingIds: number[], now: Date): Promise<Map<number, RoutingCard>> {
  if (routingIds.length === 0) return new Map();
  const rows = await db.select({ id: routings.id, itemId: routings.itemId }).from(routings).where(anyOf(routings.id, routingIds));
  const items = new Map((await loadItemViews(db, config, [...new Set(rows.map((r) => r.itemId))], now)).map((item) => [item.id, item]));
  const found = rows.flatMap(({ id, itemId }) => {
    const item = items.get(itemId);
    const routing = item?.routings.find((r) => r.id === id);
    return item && routing ? [{ item, routing }] : [];
  });
  const wanted = found.filter(({ item, routing }) => isActive(routing.status) && !item.mergedIntoId).map(({ item }) => ({ itemId: item.id, text: `${item.title ?? ''} ${item.text}` }));
  const [trackers, duplicates] = await Promise.all([
    loadCardIssues(db, config, found.map(({ routing }) => ({ id: routing.id, teamId: routing.team.id, status: routing.status }))),
    similarOpenItemsOfMany(db, config, [...new Map(wanted.map((w) => [w.itemId, w])).values()], SHOWN_DUPLICATES, now),
  ]);
  return new Map(found.map(({ item, routing }) => {
    const mine = item.actions.filter((a) => a.routingId === routing.id && SHOWN_ACTIONS.has(a.kind));
    const lastPass = [...mine].reverse().find((a) => a.kind === 'pass_on');
    const card: RoutingCard = {
      ...(trackers.get(routing.id) ?? { issueActions: [] }),
      item,
      routing,
      available: BUTTON_ORDER.filter((action) => TRANSITIONS[action].from.includes(routing.status)),
      lastAction: mine.at(-1),
      passedTo: routing.status === 'passed_on' ? (lastPass?.toTeam ?? undefined) : undefined,
      suggestions: routing.status === 'open' || routing.status === 'acknowledged'
        ? (routing.reason.suggestions ?? []).filter((s) => s.team !== routing.team.id).map((s) => ({ ...s, teamName: config.teams[s.team]?.name ?? s.team }))
        : [],
      sla: routing.sla ?? routingSlaStatus(config, { ...routing, teamId: routing.team.id }, now),
      duplicates: isActive(routing.status) && !item.mergedIntoId ? (duplicates.get(item.id) ?? []) : [],
    };
    return [routing.id, card];
  }));
}
