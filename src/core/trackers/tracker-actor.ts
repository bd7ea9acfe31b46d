import type { TrackerSettings } from '../../config/tracker-schema.js';
import type { Actor } from '../actor.js';
import { TRACKER_NAME, trackerPlace } from './issue-link.js';

/** The tracker itself, as the actor of what its webhooks change: "GitHub (fernhill/garden-app)". */
export function trackerActor(tracker: TrackerSettings, team: string): Actor {
  return { platform: 'tracker', id: `${tracker.kind}:${trackerPlace(tracker)}`, name: `${TRACKER_NAME[tracker.kind]} (${trackerPlace(tracker)})`, teams: [team], isCommunityManager: false, isLeadership: false };
}
