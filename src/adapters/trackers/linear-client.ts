import { createHash } from 'node:crypto';
import { LinearClient as LinearSdk, LinearError, RatelimitedLinearError, type Issue } from '@linear/sdk';
import type { LinearTrackerSettings } from '../../config/tracker-schema.js';
import type { IssueFacts } from '../../core/trackers/issue-link.js';
import type { IssueDraft } from '../../core/trackers/load-issue-request.js';
import { markdownBody } from './issue-body.js';
import { linearFacts } from './tracker-issue-facts.js';
import { CALL_TIMEOUT_MS, TrackerCallError, type TrackerClient } from './tracker-client.js';

/**
 * Linear through @linear/sdk. Linear lets the caller choose a new issue's ID, which is its idempotency: the ID is
 * derived from the item and the team, so a retry first asks for that issue and creates it only if it is not there.
 */
export class LinearClient implements TrackerClient {
  private readonly sdk: LinearSdk;
  private team: Promise<string> | undefined;
  private labels: Promise<string[]> | undefined;

  constructor(private readonly settings: LinearTrackerSettings & { secret: string }) {
    this.sdk = new LinearSdk({ apiKey: settings.secret, apiUrl: settings.apiUrl });
    // The SDK spreads its options into every fetch and has no timeout of its own; a getter gives each request a
    // fresh deadline, so a hung Linear fails the attempt instead of holding the outbox.
    Object.defineProperty((this.sdk.client as unknown as { options: object }).options, 'signal', { get: () => AbortSignal.timeout(CALL_TIMEOUT_MS), enumerable: true });
  }

  async findCreated(draft: IssueDraft): Promise<IssueFacts | undefined> {
    try {
      return await this.facts(await this.sdk.issue(this.issueId(draft)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw callError(error, 'look for an earlier attempt');
    }
  }

  async create(draft: IssueDraft, itemUrl: string): Promise<IssueFacts> {
    try {
      const [teamId, labelIds] = await Promise.all([this.teamId(), this.labelIds(draft.labels)]);
      const id = this.issueId(draft);
      const payload = await this.sdk.createIssue({ id, teamId, title: draft.title.slice(0, 255), description: markdownBody(draft, itemUrl, { marker: false }), labelIds });
      if (!payload.success) throw new TrackerCallError('refused', 'Linear did not create the issue (success: false)');
      return await this.facts(await this.sdk.issue(id));
    } catch (error) {
      if (error instanceof TrackerCallError) throw error;
      throw callError(error, 'create the issue');
    }
  }

  async fetch(key: string): Promise<IssueFacts> {
    try {
      return await this.facts(await this.sdk.issue(key));
    } catch (error) {
      if (isNotFound(error)) throw new TrackerCallError('not_found', `Linear has no issue ${key}`);
      throw callError(error, `read ${key}`);
    }
  }

  private async facts(issue: Issue): Promise<IssueFacts> {
    const state = await issue.state;
    return linearFacts(issue, state ? { name: state.name, type: state.type } : undefined);
  }

  /** A UUID (version 4 layout) from the item and the team: the same request always names the same issue. */
  private issueId(draft: IssueDraft): string {
    const hex = createHash('sha256').update(`liaison|${this.settings.apiUrl ?? 'linear'}|${this.settings.team}|${draft.marker}`).digest('hex');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private teamId(): Promise<string> {
    this.team ??= this.sdk.teams({ filter: { key: { eq: this.settings.team } } }).then((teams) => {
      const id = teams.nodes[0]?.id;
      if (!id) throw new TrackerCallError('refused', `Linear has no team ${this.settings.team} that this API key can see`);
      return id;
    });
    this.team.catch(() => (this.team = undefined));
    return this.team;
  }

  private labelIds(names: string[]): Promise<string[]> {
    if (names.length === 0) return Promise.resolve([]);
    this.labels ??= this.sdk.issueLabels({ filter: { name: { in: names } } }).then((labels) => labels.nodes.map((l) => l.id));
    this.labels.catch(() => (this.labels = undefined));
    return this.labels;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof LinearError && /not found|could not find/i.test([error.message, ...error.errors?.map((e) => e.message) ?? []].join(' '));
}

/** Linear's answer as a TrackerCallError: rate limits and outages are retried; authentication and input errors are not. */
function callError(error: unknown, doing: string): TrackerCallError {
  if (error instanceof TrackerCallError) return error;
  if (error instanceof RatelimitedLinearError) return new TrackerCallError('retry', `Linear rate limit while trying to ${doing}`, error.retryAfter === undefined ? undefined : error.retryAfter * 1000);
  if (error instanceof LinearError) {
    const said = error.errors?.[0]?.message ?? error.message;
    const retry = ['NetworkError', 'InternalError', 'LockTimeout', 'Unknown'].includes(String(error.type));
    return new TrackerCallError(retry ? 'retry' : 'refused', `Linear ${retry ? 'did not' : 'refused to'} ${doing}: ${said}`);
  }
  return new TrackerCallError('retry', `Linear did not ${doing}: ${error instanceof Error ? error.message : String(error)}`);
}
