import { LoopbackApi, type RecordedCall } from './loopback-api.js';

export interface FakeIssue { id: number; number: number; title: string; body: string; labels: { name: string }[]; state: 'open' | 'closed'; state_reason: string | null; html_url: string; created_at: string; updated_at: string }

/**
 * GitHub's REST API, as far as Liaison's octokit calls go: the repository, creating, listing and reading issues.
 * Issues live in memory; `close` and `reopen` change one as someone on GitHub would.
 */
export class FakeGitHub extends LoopbackApi {
  readonly issues: FakeIssue[] = [];
  readonly token = 'github_pat_test_token';

  constructor(private readonly repo: string, private readonly now: () => Date, private readonly isPrivate = false) {
    super();
    const path = repo.replace('/', '\\/');
    this.route('GET', new RegExp(`^/repos/${path}$`), (call) => this.authorised(call) ?? { status: 200, body: { id: 1, full_name: repo, private: this.isPrivate } })
      .route('POST', new RegExp(`^/repos/${path}/issues$`), (call) => this.authorised(call) ?? this.create(call))
      .route('GET', new RegExp(`^/repos/${path}/issues$`), (call) => this.authorised(call) ?? this.list(call))
      .route('GET', new RegExp(`^/repos/${path}/issues/(\\d+)$`), (call, [n]) => {
        const issue = this.issues.find((i) => i.number === Number(n));
        return this.authorised(call) ?? (issue ? { status: 200, body: issue } : { status: 404, body: { message: 'Not Found' } });
      });
  }

  /** What GitHub would say to a call with another token. */
  private authorised(call: RecordedCall) {
    return call.headers.authorization === `token ${this.token}` ? undefined : { status: 401, body: { message: 'Bad credentials' } };
  }

  private create(call: RecordedCall) {
    const input = call.body as { title: string; body: string; labels?: string[] };
    const number = this.issues.length + 41;
    const at = this.now().toISOString();
    const issue: FakeIssue = { id: 9_000 + number, number, title: input.title, body: input.body, labels: (input.labels ?? []).map((name) => ({ name })), state: 'open', state_reason: null, html_url: `https://github.com/${this.repo}/issues/${number}`, created_at: at, updated_at: at };
    this.issues.push(issue);
    return { status: 201, body: issue };
  }

  private list(call: RecordedCall) {
    const since = call.query.get('since');
    const listed = this.issues.filter((i) => !since || i.updated_at >= since).sort((a, b) => b.created_at.localeCompare(a.created_at));
    return { status: 200, body: listed };
  }

  /** Someone closes (or reopens) the issue on GitHub; returns the issue as a webhook would carry it. */
  change(number: number, state: 'closed' | 'open', reason: 'completed' | 'not_planned' | 'reopened' | null, at: Date): FakeIssue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue ${number}`);
    Object.assign(issue, { state, state_reason: reason, updated_at: at.toISOString() });
    return { ...issue };
  }
}
