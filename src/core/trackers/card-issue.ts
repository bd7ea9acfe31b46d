import { inArray } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import { trackerSettings } from '../../config/tracker-schema.js';
import type { DbOrTx } from '../../db/client.js';
import { trackerIssues, type IssueState, type RoutingStatus, type TrackerKind } from '../../db/schema/index.js';
import { isActive } from '../actions/transitions.js';
import { trackerPlace } from './issue-link.js';

/** A card's issue: being created or linked, linked (with its link and state), or nothing yet. */
export interface CardIssue {
  tracker: TrackerKind;
  /** The repository, Linear team or Jira project. */
  place: string;
  status: 'pending' | 'linked';
  /** Set once linked, and while a link is pending (the key the person gave). */
  key: string | null;
  url: string | null;
  state: IssueState | null;
  stateLabel: string | null;
}

export type IssueAction = 'create_issue' | 'link_issue';

type CardRouting = { id: number; teamId: string; status: RoutingStatus };

/** What the card shows of its team's tracker, and which tracker buttons it offers. */
export async function loadCardIssue(db: DbOrTx, config: LiaisonConfig, routing: CardRouting): Promise<{ issue?: CardIssue; issueActions: IssueAction[] }> {
  return (await loadCardIssues(db, config, [routing])).get(routing.id) ?? { issueActions: [] };
}

/** The same for many cards in one query. */
export async function loadCardIssues(db: DbOrTx, config: LiaisonConfig, list: CardRouting[]): Promise<Map<number, { issue?: CardIssue; issueActions: IssueAction[] }>> {
  const tracked = list.filter((r) => config.teams[r.teamId]?.tracker);
  const rows = tracked.length === 0 ? [] : await db.select().from(trackerIssues).where(inArray(trackerIssues.routingId, tracked.map((r) => r.id)));
  return new Map(list.map((routing): [number, { issue?: CardIssue; issueActions: IssueAction[] }] => {
    const tracker = config.teams[routing.teamId]?.tracker;
    if (!tracker) return [routing.id, { issueActions: [] }];
    const settings = trackerSettings(tracker);
    const row = rows.find((r) => r.routingId === routing.id);
    const issue = row && row.status !== 'failed' ? { tracker: row.tracker, place: trackerPlace(settings), status: row.status, key: row.issueKey, url: row.url, state: row.state, stateLabel: row.stateLabel } : undefined;
    return [routing.id, { issue, issueActions: !issue && isActive(routing.status) ? ['create_issue', 'link_issue'] : [] }];
  }));
}
