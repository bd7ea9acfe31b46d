import type { LiaisonConfig } from '../../config/schema.js';
import { trackerSettings, type TrackerSettings } from '../../config/tracker-schema.js';
import type { DbOrTx } from '../../db/client.js';
import { excerpt, inert } from '../inert-text.js';
import { loadItemViews } from '../items/item-views.js';
import { issueMarker, IssueRequestPayload } from './issue-link.js';

/** What an issue Liaison creates says: the feedback, how many said it, where from, and the marker a retry finds. */
export interface IssueDraft {
  itemId: number;
  marker: string;
  title: string;
  text: string;
  author: string;
  community: string;
  voices: number;
  category: string;
  urgency: string;
  permalink: string | null;
  team: string;
  labels: string[];
}

export interface IssueRequest {
  payload: IssueRequestPayload;
  tracker: TrackerSettings;
  /** Only for a create: built from the item as it is when the request is sent. */
  draft?: IssueDraft;
}

/** An outbox row for a tracker, read back (its JSON parsed, not cast) with the item it is about. */
export async function loadIssueRequest(db: DbOrTx, config: LiaisonConfig, raw: unknown, now: Date): Promise<IssueRequest> {
  const payload = IssueRequestPayload.parse(raw);
  const team = config.teams[payload.team];
  if (!team?.tracker) throw new Error(`team ${payload.team} no longer has a tracker in the config`);
  const tracker = trackerSettings(team.tracker);
  if (payload.op !== 'create') return { payload, tracker };
  const [item] = await loadItemViews(db, config, [payload.itemId], now);
  if (!item) throw new Error(`item ${payload.itemId} no longer exists`);
  const title = inert(excerpt(item.title ?? item.text, 100)) || `Feedback #${item.id}`;
  return {
    payload,
    tracker,
    draft: {
      itemId: item.id, marker: issueMarker(item.id), title, text: inert(item.title ? `${item.title}\n\n${item.text}` : item.text),
      author: inert(item.author.name), community: item.community.name, voices: item.voices.length, category: item.category, urgency: item.urgency,
      permalink: item.permalink, team: team.name ?? payload.team, labels: tracker.labels,
    },
  };
}
