import { z } from 'zod';
import type { JiraTrackerSettings } from '../../config/tracker-schema.js';
import type { IssueFacts } from '../../core/trackers/issue-link.js';
import type { IssueDraft } from '../../core/trackers/load-issue-request.js';
import { jiraDescription } from './issue-body.js';
import { CALL_TIMEOUT_MS, retryAfterMs, TrackerCallError, type TrackerClient } from './tracker-client.js';

/** The fields of a Jira issue Liaison reads, from the REST API (v3) or a webhook. */
export const JiraIssue = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string().default(''),
    status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) }),
    resolution: z.object({ name: z.string() }).nullable().optional(),
    updated: z.string(),
  }),
});
export type JiraIssue = z.infer<typeof JiraIssue>;

/** Resolutions that mean "closed without doing it" in Jira's default schemes (and common custom ones). */
const NOT_DONE = /won'?t|duplicate|cannot reproduce|can'?t reproduce|declined|incomplete|obsolete|not a bug|rejected/i;

/** A Jira issue in Liaison's words: done (a resolution such as Done or Fixed), not planned (Won't Do, Duplicate…), or open. */
export function jiraFacts(site: string, issue: JiraIssue): IssueFacts {
  const done = issue.fields.status.statusCategory.key === 'done';
  const resolution = issue.fields.resolution?.name;
  const notPlanned = done && resolution !== undefined && NOT_DONE.test(resolution);
  return {
    id: issue.id,
    key: issue.key,
    url: `${site.replace(/\/+$/, '')}/browse/${issue.key}`,
    title: issue.fields.summary,
    state: !done ? 'open' : notPlanned ? 'not_planned' : 'completed',
    stateLabel: resolution && done ? `${issue.fields.status.name} (${resolution})` : issue.fields.status.name,
    ...(notPlanned ? { reason: resolution } : {}),
    public: false,
    updatedAt: new Date(issue.fields.updated),
  };
}

const FIELDS = ['summary', 'status', 'resolution', 'updated'];

/**
 * Jira Cloud's REST API (v3) through fetch. Four calls are all Liaison needs; jira.js (38 MB installed, every
 * endpoint of three products, rewritten as v6 weeks ago) would be most of the install for them. Jira has no
 * idempotency key for creating issues, so each issue carries the label `liaison-item-N`, which a retry searches for.
 */
export class JiraClient implements TrackerClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly settings: JiraTrackerSettings & { secret: string }) {
    this.base = (settings.apiUrl ?? settings.site).replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${settings.email}:${settings.secret}`).toString('base64')}`;
  }

  async findCreated(draft: IssueDraft): Promise<IssueFacts | undefined> {
    const jql = `project = "${this.settings.project}" AND labels = "${markerLabel(draft)}" ORDER BY created ASC`;
    const found = await this.call('POST', '/rest/api/3/search/jql', { jql, fields: FIELDS, maxResults: 1 }, 'look for an earlier attempt');
    const [issue] = z.object({ issues: z.array(JiraIssue) }).parse(found).issues;
    return issue ? jiraFacts(this.settings.site, issue) : undefined;
  }

  async create(draft: IssueDraft, itemUrl: string): Promise<IssueFacts> {
    const fields = {
      project: { key: this.settings.project },
      issuetype: { name: this.settings.issueType },
      summary: draft.title.slice(0, 255),
      description: jiraDescription(draft, itemUrl),
      labels: [...draft.labels.map((l) => l.replace(/\s+/g, '-')), markerLabel(draft)],
    };
    const created = z.object({ key: z.string() }).parse(await this.call('POST', '/rest/api/3/issue', { fields }, 'create the issue'));
    return this.fetch(created.key);
  }

  async fetch(key: string): Promise<IssueFacts> {
    const issue = await this.call('GET', `/rest/api/3/issue/${encodeURIComponent(key)}?fields=${FIELDS.join(',')}`, undefined, `read ${key}`, true);
    return jiraFacts(this.settings.site, JiraIssue.parse(issue));
  }

  private async call(method: string, path: string, body: unknown, doing: string, lookup = false): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TrackerCallError('retry', `Jira did not ${doing}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    if (response.ok) return text ? JSON.parse(text) : {};
    const said = jiraMessage(text) ?? response.statusText;
    if (response.status === 429) throw new TrackerCallError('retry', `Jira rate limit while trying to ${doing}`, retryAfterMs(response.headers.get('retry-after')));
    if (response.status === 404 && lookup) throw new TrackerCallError('not_found', `Jira has no such issue (404 ${said})`);
    if (response.status >= 400 && response.status < 500) throw new TrackerCallError('refused', `Jira refused to ${doing}: ${response.status} ${said}`);
    throw new TrackerCallError('retry', `Jira did not ${doing}: ${response.status} ${said}`);
  }
}

const markerLabel = (draft: IssueDraft) => draft.marker.replace(':', '-');

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
function jiraMessage(text: string): string | undefined {
  try {
    const body = z.object({ errorMessages: z.array(z.string()).default([]), errors: z.record(z.string(), z.string()).default({}) }).parse(JSON.parse(text));
    const all = [...body.errorMessages, ...Object.entries(body.errors).map(([field, message]) => `${field}: ${message}`)];
    return all.length > 0 ? all.join('; ') : undefined;
  } catch {
    return undefined;
  }
}
