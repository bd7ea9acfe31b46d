import type { LiaisonConfig } from './schema.js';
import { trackerSettings, webhookKey, type TrackerSettings } from './tracker-schema.js';

/** A team's tracker with its secrets read: what the tracker clients and the webhook route need. */
export type TrackerConnection = TrackerSettings & { team: string; secret: string; webhookSecret?: string };

/** An outbound webhook receiver with its signing secret read. */
export interface WebhookTarget { key: string; url: string; secret: string; giveUpAfterMs: number }

type Env = Record<string, string | undefined>;

/** Reads a literal or `{ env }` secret; a missing variable is a problem named by its path. */
function secretAt(value: string | { env: string }, path: string, env: Env, problems: string[]): string | undefined {
  if (typeof value === 'string') return value;
  const found = env[value.env];
  if (!found) problems.push(`${path}: environment variable ${value.env} is not set`);
  return found || undefined;
}

/** Tracker tokens and webhook secrets, by team and by receiver, each missing variable reported with its path. */
export function resolveTrackerSecrets(config: LiaisonConfig, env: Env, problems: string[]): { trackers: Map<string, TrackerConnection>; webhooks: Map<string, WebhookTarget> } {
  const trackers = new Map<string, TrackerConnection>();
  for (const [team, settings] of Object.entries(config.teams)) {
    if (!settings.tracker) continue;
    const tracker = trackerSettings(settings.tracker);
    const path = `teams.${team}.tracker.${tracker.kind}`;
    const credential = tracker.kind === 'linear' ? tracker.apiKey : tracker.token;
    const secret = secretAt(credential, `${path}.${tracker.kind === 'linear' ? 'apiKey' : 'token'}`, env, problems);
    const webhookSecret = tracker.webhookSecret === undefined ? undefined : secretAt(tracker.webhookSecret, `${path}.webhookSecret`, env, problems);
    if (secret) trackers.set(team, { ...tracker, team, secret, webhookSecret });
  }
  const webhooks = new Map<string, WebhookTarget>();
  config.webhooks.forEach((hook, i) => {
    const secret = secretAt(hook.secret, `webhooks.${i}.secret`, env, problems);
    if (secret) webhooks.set(webhookKey(hook), { key: webhookKey(hook), url: hook.url, secret, giveUpAfterMs: hook.giveUpAfter });
  });
  return { trackers, webhooks };
}
