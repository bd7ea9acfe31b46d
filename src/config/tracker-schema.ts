import { z } from 'zod';
import { Duration } from './duration.js';

/** The name of an environment variable holding a secret: tokens never live in the config file itself. */
export const EnvSecret = z
  .strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as GITHUB_TOKEN').describe('Name of the environment variable that holds the value.') })
  .describe('A secret read from the environment, such as { env: GITHUB_TOKEN }.');
export type EnvSecret = z.infer<typeof EnvSecret>;

/** A signing secret, given literally (at least 16 characters) or, better, as an environment variable. */
export const SigningSecret = z
  .union([z.string().min(16, 'a signing secret needs at least 16 characters'), EnvSecret], { error: 'expected a secret of at least 16 characters, or { env: NAME } to read it from the environment' })
  .describe('A shared signing secret: a literal string of at least 16 characters, or { env: NAME }.');

const Key = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lower-case key such as warehouse');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** What every tracker kind accepts besides its own address and credentials. */
const TrackerCommon = {
  labels: z.array(z.string().min(1).max(50)).max(20).default([]).describe('Labels added to every issue Liaison creates (GitHub and Linear labels by name, Jira labels).'),
  createOnTake: z.boolean().default(false).describe('Create the issue automatically when someone takes the card ("Take it").'),
  webhookSecret: SigningSecret.optional().describe("The secret of the tracker's webhook that sends issue changes to POST /trackers/<team>. Without it, state does not flow back."),
  apiUrl: HttpUrl.optional(),
};

export const GitHubTracker = z.strictObject({
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected owner/name, such as fernhill/garden-app').describe('The repository issues are created in, as owner/name.'),
  token: EnvSecret.describe('A fine-grained token (or GitHub App installation token) with Issues: read and write on the repository, and Metadata: read.'),
  ...TrackerCommon,
  apiUrl: TrackerCommon.apiUrl.describe('GitHub REST API base URL; default https://api.github.com. For GitHub Enterprise Server: https://HOST/api/v3.'),
});

export const LinearTracker = z.strictObject({
  team: z.string().regex(/^[A-Z0-9]{1,10}$/, 'expected a Linear team key such as ENG').describe('The key of the Linear team issues are created in (the prefix of its issue identifiers, e.g. ENG).'),
  apiKey: EnvSecret.describe('A Linear API key (personal, or an OAuth app token) that may create issues in the team.'),
  ...TrackerCommon,
  apiUrl: TrackerCommon.apiUrl.describe("Linear's GraphQL endpoint; default https://api.linear.app/graphql."),
});

export const JiraTracker = z.strictObject({
  site: z.url({ protocol: /^https?$/, error: 'expected the site URL, such as https://fernhill.atlassian.net' }).describe('The Jira site, such as https://fernhill.atlassian.net.'),
  project: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'expected a Jira project key such as GARDEN').describe('The key of the project issues are created in.'),
  email: z.email().describe('The Atlassian account the API token belongs to.'),
  token: EnvSecret.describe('An Atlassian API token of that account, with permission to browse and create issues in the project.'),
  issueType: z.string().min(1).default('Task').describe('The issue type to create (default Task).'),
  ...TrackerCommon,
  apiUrl: TrackerCommon.apiUrl.describe('REST API base URL when it is not the site itself (a proxy, or a test double).'),
});

export const Tracker = z
  .union([
    z.strictObject({ github: GitHubTracker.describe('Issues in a GitHub (or GitHub Enterprise Server) repository.') }),
    z.strictObject({ linear: LinearTracker.describe('Issues in a Linear team.') }),
    z.strictObject({ jira: JiraTracker.describe('Issues in a Jira project.') }),
  ], { error: 'expected a tracker: { github: {...} }, { linear: {...} } or { jira: {...} }' })
  .describe("The team's issue tracker: Create issue / Link issue on its cards, and issue state flowing back into the ledger.");
export type Tracker = z.infer<typeof Tracker>;
export type TrackerSettings = GitHubTrackerSettings | LinearTrackerSettings | JiraTrackerSettings;
export type GitHubTrackerSettings = z.infer<typeof GitHubTracker> & { kind: 'github' };
export type LinearTrackerSettings = z.infer<typeof LinearTracker> & { kind: 'linear' };
export type JiraTrackerSettings = z.infer<typeof JiraTracker> & { kind: 'jira' };

/** The one tracker a team names, with its kind alongside. */
export function trackerSettings(tracker: Tracker): TrackerSettings {
  if ('github' in tracker) return { kind: 'github', ...tracker.github };
  if ('linear' in tracker) return { kind: 'linear', ...tracker.linear };
  return { kind: 'jira', ...tracker.jira };
}

export const WEBHOOK_EVENT_TYPES = ['captured', 'routed', 'acted', 'resolved', 'declined', 'escalated', 'breached'] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const OutboundWebhook = z
  .strictObject({
    name: Key.optional().describe('A short name for this receiver, used in logs, metrics and `liaison webhooks failed`; default: its URL.'),
    url: HttpUrl.describe('Where events are POSTed as signed JSON.'),
    secret: SigningSecret.describe('Signs each request: X-Liaison-Signature: v1=<HMAC-SHA256 of "v1:<timestamp>:<body>">.'),
    events: z.array(WebhookEventType).min(1).default([...WEBHOOK_EVENT_TYPES]).describe('The events sent to this receiver (default: all).'),
    giveUpAfter: Duration.prefault('1d').describe('How long a failing event is retried (with backoff, honouring Retry-After) before it is given up; default 1d.'),
  })
  .describe('A receiver of signed outbound events.');
export type OutboundWebhook = z.infer<typeof OutboundWebhook>;

/** The key an outbound webhook is known by in the outbox: its name, else its URL. */
export const webhookKey = (hook: Pick<OutboundWebhook, 'name' | 'url'>) => hook.name ?? hook.url;
