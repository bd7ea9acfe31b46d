import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { createTrackerClients } from '../../../src/adapters/trackers/create-tracker-clients.js';
import { TrackerPort } from '../../../src/adapters/trackers/tracker-port.js';
import { mountTrackerWebhooks } from '../../../src/adapters/trackers/tracker-webhook-route.js';
import type { LiaisonConfig, LiaisonConfigInput } from '../../../src/config/schema.js';
import { resolveTrackerSecrets } from '../../../src/config/tracker-secrets.js';
import type { Context } from '../../../src/core/context.js';
import { testConfig } from '../../helpers/test-config.js';

export const PUBLIC_URL = 'https://liaison.fernhill.example';
export const SECRETS = { github: 'github-webhook-secret-0123', linear: 'linear-webhook-secret-0123', jira: 'jira-webhook-secret-01234' };
export const ENV = { GITHUB_TOKEN: 'github_pat_test_token', LINEAR_API_KEY: 'lin_api_test_key', JIRA_TOKEN: 'jira-api-token' };

/** The test organisation with trackers: Product on GitHub, Support on Linear, Sales on Jira, each at its double. */
export function trackerConfig(urls: { github?: string; linear?: string; jira?: string }, patch: (input: LiaisonConfigInput) => void = () => {}): LiaisonConfig {
  return testConfig((c) => {
    if (urls.github) c.teams.product!.tracker = { github: { repo: 'fernhill/garden-app', token: { env: 'GITHUB_TOKEN' }, apiUrl: urls.github, labels: ['feedback'], webhookSecret: SECRETS.github } };
    if (urls.linear) c.teams.support!.tracker = { linear: { team: 'ENG', apiKey: { env: 'LINEAR_API_KEY' }, apiUrl: `${urls.linear}/graphql`, labels: ['feedback'], webhookSecret: SECRETS.linear } };
    if (urls.jira) c.teams.sales!.tracker = { jira: { site: 'https://fernhill.atlassian.net', project: 'GARDEN', email: 'bot@fernhill.example', token: { env: 'JIRA_TOKEN' }, apiUrl: urls.jira, webhookSecret: SECRETS.jira } };
    patch(c);
  });
}

/** The tracker port (real SDK clients against the doubles) and Liaison's tracker webhook route, in process. */
export async function trackerSetup(ctx: Context) {
  const problems: string[] = [];
  const { trackers } = resolveTrackerSecrets(ctx.config, ENV, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const port = new TrackerPort(ctx, await createTrackerClients(trackers), PUBLIC_URL);
  const app = new Hono();
  mountTrackerWebhooks(app, ctx, trackers);
  const post = (team: string, body: unknown, headers: Record<string, string>) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return app.request(`/trackers/${team}`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { port, app, post };
}

const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** Headers as GitHub sends them with an `issues` event. */
export function githubHeaders(body: string, delivery: string, secret = SECRETS.github): Record<string, string> {
  return { 'x-github-event': 'issues', 'x-github-delivery': delivery, 'x-hub-signature-256': `sha256=${hmac(secret, body)}` };
}

export const linearHeaders = (body: string, delivery: string, secret = SECRETS.linear) => ({ 'linear-signature': hmac(secret, body), 'linear-delivery': delivery, 'linear-event': 'Issue' });
export const jiraHeaders = (body: string, delivery: string, secret = SECRETS.jira) => ({ 'x-hub-signature': `sha256=${hmac(secret, body)}`, 'x-atlassian-webhook-identifier': delivery });
