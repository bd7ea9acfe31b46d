import { z } from 'zod';
import type { TrackerSettings } from '../../config/tracker-schema.js';
import { ISSUE_STATES, TRACKER_KINDS } from '../../db/schema/trackers.js';
import { Actor } from '../actor.js';

export const TrackerKind = z.enum(TRACKER_KINDS);

/** An issue as the ledger and the close-the-loop reply name it. `public` says whether its link may go outside. */
export const IssueLink = z.object({ tracker: TrackerKind, key: z.string().min(1).max(200), url: z.string().max(2000), public: z.boolean() });
export type IssueLink = z.infer<typeof IssueLink>;

/** What a tracker says about one issue, as its client reports it. */
export const IssueFacts = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  url: z.string().min(1),
  title: z.string(),
  state: z.enum(ISSUE_STATES),
  /** The tracker's own name for the state: "open", "In Progress", "Done". */
  stateLabel: z.string(),
  /** Why it was closed without being done, in the tracker's words ("not planned", "Won't Do"). */
  reason: z.string().optional(),
  public: z.boolean(),
  updatedAt: z.coerce.date(),
});
export type IssueFacts = z.infer<typeof IssueFacts>;

/** Whom to tell, privately, when a tracker refuses: the person who pressed the button, where they pressed it. */
export const Notify = z.object({
  platform: z.enum(['slack', 'discord', 'console']),
  userId: z.string().min(1),
  channelId: z.string().min(1),
  /** Discord: the interaction's follow-up webhook, usable for 15 minutes, so the notice is ephemeral on the card. */
  interaction: z.object({ applicationId: z.string(), token: z.string(), until: z.iso.datetime() }).optional(),
});
export type Notify = z.infer<typeof Notify>;

/** What the outbox holds for one tracker call: create an issue, or look up one being linked. */
export const IssueRequestPayload = z.object({
  op: z.enum(['create', 'link']),
  routingId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  team: z.string(),
  /** Which request of this routing it is (a new one after a failure gets a new outbox key). */
  request: z.number().int().positive(),
  /** For a link: the issue as the person named it, already parsed into the tracker's key. */
  ref: z.string().optional(),
  requestedBy: Actor.pick({ platform: true, id: true, name: true }),
  via: z.enum(['button', 'modal', 'command', 'api', 'system', 'web']),
  requestedAt: z.iso.datetime(),
  /** A tracker that keeps failing is given up on then, and the person told. */
  giveUpAt: z.iso.datetime(),
  notify: Notify.optional(),
});
export type IssueRequestPayload = z.infer<typeof IssueRequestPayload>;

/** Where issues go, as people say it: the repository, the Linear team, the Jira project. */
export function trackerPlace(tracker: TrackerSettings): string {
  return tracker.kind === 'github' ? tracker.repo : tracker.kind === 'linear' ? tracker.team : tracker.project;
}

export const TRACKER_NAME: Record<z.infer<typeof TrackerKind>, string> = { github: 'GitHub', linear: 'Linear', jira: 'Jira' };

/** The marker an issue carries so that a retried create finds the issue an earlier attempt made. */
export const issueMarker = (itemId: number) => `liaison:item-${itemId}`;
