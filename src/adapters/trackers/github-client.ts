import { Octokit } from '@octokit/rest';
import type { GitHubTrackerSettings } from '../../config/tracker-schema.js';
import type { IssueFacts } from '../../core/trackers/issue-link.js';
import type { IssueDraft } from '../../core/trackers/load-issue-request.js';
import { githubTitle, markdownBody } from './issue-body.js';
import { githubFacts, type GitHubIssue } from './tracker-issue-facts.js';
import { CALL_TIMEOUT_MS, retryAfterMs, TrackerCallError, type TrackerClient } from './tracker-client.js';

/**
 * GitHub through @octokit/rest. GitHub has no idempotency key for creating issues, so each body starts with a hidden
 * `<!-- liaison:item-N -->`; before creating again, a retry lists the repository's issues updated since its first
 * attempt (a listing, not the search index, which lags) and takes the one carrying the marker.
 */
export class GitHubClient implements TrackerClient {
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;
  private visibility: Promise<boolean> | undefined;

  constructor(private readonly settings: GitHubTrackerSettings & { secret: string }) {
    this.octokit = new Octokit({ auth: settings.secret, baseUrl: (settings.apiUrl ?? 'https://api.github.com').replace(/\/+$/, ''), userAgent: 'liaison', log: { debug() {}, info() {}, warn() {}, error() {} } });
    [this.owner, this.repo] = settings.repo.split('/') as [string, string];
  }

  async findCreated(draft: IssueDraft, since: Date): Promise<IssueFacts | undefined> {
    const marker = `<!-- ${draft.marker} -->`;
    const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, { owner: this.owner, repo: this.repo, state: 'all', since: new Date(since.getTime() - 60_000).toISOString(), sort: 'created', direction: 'desc', per_page: 100, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } });
    let page = 0;
    try {
      for await (const { data } of pages) {
        const found = (data as GitHubIssue[]).find((issue) => !issue.pull_request && issue.body?.startsWith(marker));
        if (found) return githubFacts(this.settings.repo, found, await this.isPublic());
        if ((page += 1) >= 5) break;
      }
    } catch (error) {
      throw callError(error, 'look for an earlier attempt');
    }
    return undefined;
  }

  async create(draft: IssueDraft, itemUrl: string): Promise<IssueFacts> {
    try {
      const { data } = await this.octokit.rest.issues.create({ owner: this.owner, repo: this.repo, title: githubTitle(draft), body: markdownBody(draft, itemUrl, { marker: true }), labels: draft.labels, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } });
      return githubFacts(this.settings.repo, data as GitHubIssue, await this.isPublic());
    } catch (error) {
      throw callError(error, 'create the issue');
    }
  }

  async fetch(key: string): Promise<IssueFacts> {
    const number = Number(key.split('#')[1]);
    try {
      const { data } = await this.octokit.rest.issues.get({ owner: this.owner, repo: this.repo, issue_number: number, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } });
      if ((data as GitHubIssue).pull_request) throw new TrackerCallError('not_found', `${key} is a pull request, not an issue`);
      return githubFacts(this.settings.repo, data as GitHubIssue, await this.isPublic());
    } catch (error) {
      if (error instanceof TrackerCallError) throw error;
      throw callError(error, `read ${key}`, true);
    }
  }

  /** Whether anyone may read the repository (its issue links then go to the community). Asked once. */
  private isPublic(): Promise<boolean> {
    this.visibility ??= this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo, request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } }).then(
      ({ data }) => !data.private,
      (error: unknown) => {
        this.visibility = undefined;
        throw callError(error, 'read the repository');
      },
    );
    return this.visibility;
  }
}

interface RequestErrorLike { status?: number; message?: string; response?: { headers?: Record<string, string | undefined>; data?: { message?: string } } }

/** GitHub's answer as a TrackerCallError: rate limits and outages are retried, refusals are not. */
function callError(error: unknown, doing: string, lookup = false): TrackerCallError {
  const e = error as RequestErrorLike;
  const status = e.status;
  const said = e.response?.data?.message ?? e.message ?? String(error);
  const headers = e.response?.headers ?? {};
  if (status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after']))) {
    const reset = headers['x-ratelimit-reset'] ? Number(headers['x-ratelimit-reset']) * 1000 - Date.now() : undefined;
    return new TrackerCallError('retry', `GitHub rate limit while trying to ${doing}`, retryAfterMs(headers['retry-after']) ?? (reset && reset > 0 ? reset : undefined));
  }
  if (status === 404 && lookup) return new TrackerCallError('not_found', `GitHub has no such issue (404 ${said})`);
  if (status !== undefined && status >= 400 && status < 500) return new TrackerCallError('refused', `GitHub refused to ${doing}: ${status} ${said}`);
  return new TrackerCallError('retry', `GitHub did not ${doing}: ${status ? `${status} ` : ''}${said}`);
}
