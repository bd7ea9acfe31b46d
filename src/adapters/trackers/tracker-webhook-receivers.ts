import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { TrackerConnection } from '../../config/tracker-secrets.js';
import type { IssueFacts } from '../../core/trackers/issue-link.js';
import { JiraIssue, jiraFacts } from './jira-client.js';
import { githubFacts, linearFacts } from './tracker-issue-facts.js';

export type Headers = (name: string) => string | undefined;
export type Verdict = { ok: true } | { ok: false; reason: string };
/** What a tracker's webhook says: an issue changed (with the delivery's own ID), or nothing Liaison acts on. */
export type Parsed = { kind: 'change'; deliveryId: string | undefined; issue: IssueFacts } | { kind: 'ignored'; reason: string };

export interface TrackerWebhookReceiver {
  verify(connection: TrackerConnection & { webhookSecret: string }, raw: string, header: Headers): Promise<Verdict>;
  parse(connection: TrackerConnection, body: unknown, header: Headers): Parsed;
}

const GitHubIssuesEvent = z.object({
  action: z.string(),
  issue: z.object({ id: z.number(), number: z.number(), html_url: z.string(), title: z.string(), state: z.string(), state_reason: z.string().nullable().optional(), updated_at: z.string(), pull_request: z.unknown().optional() }),
  repository: z.object({ full_name: z.string(), private: z.boolean() }),
});

/** GitHub: X-Hub-Signature-256, verified by @octokit/webhooks; `issues` events that close or reopen. */
const github: TrackerWebhookReceiver = {
  async verify(connection, raw, header) {
    const signature = header('x-hub-signature-256');
    if (!signature) return { ok: false, reason: 'missing X-Hub-Signature-256' };
    const { Webhooks } = await import('@octokit/webhooks');
    const valid = await new Webhooks({ secret: connection.webhookSecret }).verify(raw, signature).catch(() => false);
    return valid ? { ok: true } : { ok: false, reason: 'X-Hub-Signature-256 does not match' };
  },
  parse(connection, body, header) {
    const event = header('x-github-event');
    if (event !== 'issues') return { kind: 'ignored', reason: `GitHub ${event ?? 'unnamed'} event` };
    const parsed = GitHubIssuesEvent.safeParse(body);
    if (!parsed.success) return { kind: 'ignored', reason: 'not an issues event Liaison understands' };
    const { action, issue, repository } = parsed.data;
    if (!['closed', 'reopened', 'edited'].includes(action)) return { kind: 'ignored', reason: `issue ${action}` };
    if (connection.kind !== 'github' || repository.full_name.toLowerCase() !== connection.repo.toLowerCase()) return { kind: 'ignored', reason: `repository ${repository.full_name} is not this team's` };
    return { kind: 'change', deliveryId: header('x-github-delivery'), issue: githubFacts(connection.repo, issue, !repository.private) };
  },
};

const LinearIssueEvent = z.object({
  type: z.string(),
  action: z.string(),
  data: z.object({ id: z.string(), identifier: z.string(), url: z.string(), title: z.string(), updatedAt: z.string(), state: z.object({ name: z.string(), type: z.string() }).optional() }),
});

/** Linear: Linear-Signature, HMAC-SHA256 of the raw body, and its signed webhookTimestamp within a minute (the SDK's check). */
const linear: TrackerWebhookReceiver = {
  async verify(connection, raw, header) {
    const signature = header('linear-signature');
    if (!signature) return { ok: false, reason: 'missing Linear-Signature' };
    const { LinearWebhookClient } = await import('@linear/sdk/webhooks');
    try {
      new LinearWebhookClient(connection.webhookSecret).verify(Buffer.from(raw), signature);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'invalid signature' };
    }
  },
  parse(_connection, body, header) {
    const parsed = LinearIssueEvent.safeParse(body);
    if (!parsed.success || parsed.data.type !== 'Issue') return { kind: 'ignored', reason: 'not an issue event' };
    if (parsed.data.action === 'remove') return { kind: 'ignored', reason: 'issue removed' };
    return { kind: 'change', deliveryId: header('linear-delivery'), issue: linearFacts(parsed.data.data, parsed.data.data.state) };
  },
};

/** Jira (admin webhooks with a secret): X-Hub-Signature: sha256=<HMAC-SHA256 of the raw body>. */
const jira: TrackerWebhookReceiver = {
  async verify(connection, raw, header) {
    const signature = header('x-hub-signature');
    if (!signature) return { ok: false, reason: 'missing X-Hub-Signature' };
    const expected = Buffer.from(`sha256=${createHmac('sha256', connection.webhookSecret).update(raw).digest('hex')}`);
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'X-Hub-Signature does not match' };
  },
  parse(connection, body, header) {
    const parsed = z.object({ webhookEvent: z.string(), issue: JiraIssue }).safeParse(body);
    if (!parsed.success) return { kind: 'ignored', reason: 'not an issue event' };
    if (!['jira:issue_updated', 'jira:issue_created'].includes(parsed.data.webhookEvent)) return { kind: 'ignored', reason: parsed.data.webhookEvent };
    if (connection.kind !== 'jira') return { kind: 'ignored', reason: 'not a Jira team' };
    return { kind: 'change', deliveryId: header('x-atlassian-webhook-identifier'), issue: jiraFacts(connection.site, parsed.data.issue) };
  },
};

export const RECEIVERS: Record<TrackerConnection['kind'], TrackerWebhookReceiver> = { github, linear, jira };
