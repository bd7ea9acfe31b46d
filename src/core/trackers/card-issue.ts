import { eq } from 'drizzle-orm';
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

/** What the card shows of its team's tracker, and which tracker buttons it offers. */
export async function loadCardIssue(db: DbOrTx, config: LiaisonConfig, routing: { id: number; teamId: string; status: RoutingStatus }): Promise<{ issue?: CardIssue; issueActions: IssueAction[] }> {
  const tracker = config.teams[routing.teamId]?.tracker;
  if (!tracker) return { issueActions: [] };
  const settings = trackerSettings(tracker);
  const [row] = await db.select().from(trackerIssues).where(eq(trackerIssues.routingId, routing.id));
  const issue = row && row.status !== 'failed' ? { tracker: row.tracker, place: trackerPlace(settings), status: row.status, key: row.issueKey, url: row.url, state: row.state, stateLabel: row.stateLabel } : undefined;
  return { issue, issueActions: !issue && isActive(routing.status) ? ['create_issue', 'link_issue'] : [] };
}
