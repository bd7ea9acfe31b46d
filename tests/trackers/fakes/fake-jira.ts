import { LoopbackApi, type RecordedCall } from './loopback-api.js';

export interface FakeJiraIssue { id: string; key: string; fields: { summary: string; description: unknown; labels: string[]; issuetype: { name: string }; status: { name: string; statusCategory: { key: string } }; resolution: { name: string } | null; updated: string; created: string } }

/** Jira Cloud's REST API v3 for the calls Liaison makes: create, search by JQL (labels only), read. */
export class FakeJira extends LoopbackApi {
  readonly issues: FakeJiraIssue[] = [];
  readonly auth = `Basic ${Buffer.from('bot@fernhill.example:jira-api-token').toString('base64')}`;

  constructor(private readonly now: () => Date) {
    super();
    this.route('POST', /^\/rest\/api\/3\/issue$/, (call) => this.guard(call) ?? this.create(call))
      .route('POST', /^\/rest\/api\/3\/search\/jql$/, (call) => this.guard(call) ?? this.search(call))
      .route('GET', /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)$/, (call, [key]) => {
        const issue = this.issues.find((i) => i.key === key);
        return this.guard(call) ?? (issue ? { status: 200, body: issue } : { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
      });
  }

  private guard(call: RecordedCall) {
    return call.headers.authorization === this.auth ? undefined : { status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} } };
  }

  private create(call: RecordedCall) {
    const { fields } = call.body as { fields: { summary: string; description: unknown; labels: string[]; issuetype: { name: string }; project: { key: string } } };
    const n = this.issues.length + 7;
    const at = this.now().toISOString().replace('Z', '+0000');
    this.issues.push({ id: String(10_000 + n), key: `${fields.project.key}-${n}`, fields: { summary: fields.summary, description: fields.description, labels: fields.labels, issuetype: fields.issuetype, status: { name: 'To Do', statusCategory: { key: 'new' } }, resolution: null, updated: at, created: at } });
    return { status: 201, body: { id: String(10_000 + n), key: `${fields.project.key}-${n}`, self: `${this.url}/rest/api/3/issue/${10_000 + n}` } };
  }

  private search(call: RecordedCall) {
    const { jql } = call.body as { jql: string };
    const label = /labels = "([^"]+)"/.exec(jql)?.[1];
    return { status: 200, body: { issues: this.issues.filter((i) => label && i.fields.labels.includes(label)), isLast: true } };
  }

  resolve(key: string, status: string, resolution: string | null, category: 'done' | 'indeterminate' | 'new', at: Date): FakeJiraIssue {
    const issue = this.issues.find((i) => i.key === key);
    if (!issue) throw new Error(`no issue ${key}`);
    Object.assign(issue.fields, { status: { name: status, statusCategory: { key: category } }, resolution: resolution ? { name: resolution } : null, updated: at.toISOString().replace('Z', '+0000') });
    return structuredClone(issue);
  }
}
