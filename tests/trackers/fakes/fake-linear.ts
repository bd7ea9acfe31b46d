import { LoopbackApi, type RecordedCall } from './loopback-api.js';

export interface FakeLinearIssue { id: string; identifier: string; title: string; description: string; url: string; teamId: string; labelIds: string[]; state: { id: string }; createdAt: string; updatedAt: string }

const STATES = { backlog: { id: 'st-backlog', name: 'Backlog', type: 'backlog' }, done: { id: 'st-done', name: 'Done', type: 'completed' }, canceled: { id: 'st-canceled', name: "Won't fix", type: 'canceled' }, progress: { id: 'st-progress', name: 'In Progress', type: 'started' } } as const;
const PAGE_INFO = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

/** Linear's GraphQL API for the operations @linear/sdk sends for Liaison: teams, labels, createIssue, issue, workflowState. */
export class FakeLinear extends LoopbackApi {
  readonly issues: FakeLinearIssue[] = [];
  readonly apiKey = 'lin_api_test_key';

  constructor(private readonly now: () => Date) {
    super();
    this.route('POST', /^\/graphql$/, (call) => this.graphql(call));
  }

  /** The GraphQL operation of a recorded call, such as `createIssue`. */
  static operation(call: RecordedCall): string {
    return /^\s*(?:query|mutation)\s+(\w+)/.exec(String((call.body as { query?: string }).query))?.[1] ?? '';
  }

  operations(): string[] {
    return this.calls.map(FakeLinear.operation);
  }

  setState(identifier: string, state: keyof typeof STATES, at: Date): { issue: FakeLinearIssue; state: (typeof STATES)[keyof typeof STATES] } {
    const issue = this.issues.find((i) => i.identifier === identifier);
    if (!issue) throw new Error(`no issue ${identifier}`);
    Object.assign(issue, { state: { id: STATES[state].id }, updatedAt: at.toISOString() });
    return { issue, state: STATES[state] };
  }

  private graphql(call: RecordedCall) {
    if (call.headers.authorization !== this.apiKey) return { status: 400, body: { errors: [{ message: 'Authentication required, not authenticated', extensions: { type: 'authentication error', userPresentableMessage: 'You need to authenticate to access this operation.' } }] } };
    const variables = ((call.body as { variables?: Record<string, unknown> }).variables ?? {}) as Record<string, unknown>;
    const data = (d: unknown) => ({ status: 200, body: { data: d } });
    switch (FakeLinear.operation(call)) {
      case 'teams': return data({ teams: { nodes: [{ id: 'team-eng-uuid', key: 'ENG', name: 'Engineering' }], pageInfo: PAGE_INFO } });
      case 'issueLabels': return data({ issueLabels: { nodes: [{ id: 'label-feedback', name: 'feedback' }], pageInfo: PAGE_INFO } });
      case 'createIssue': {
        const input = variables.input as { id: string; teamId: string; title: string; description: string; labelIds?: string[] };
        if (this.issues.some((i) => i.id === input.id)) return { status: 200, body: { data: null, errors: [{ message: 'Entity already exists', extensions: { type: 'invalid input' } }] } };
        const n = this.issues.length + 101;
        const at = this.now().toISOString();
        this.issues.push({ ...input, labelIds: input.labelIds ?? [], identifier: `ENG-${n}`, url: `https://linear.app/fernhill/issue/ENG-${n}/x`, state: { id: STATES.backlog.id }, createdAt: at, updatedAt: at });
        return data({ issueCreate: { success: true, lastSyncId: n, issue: { id: input.id } } });
      }
      case 'issue': {
        const issue = this.issues.find((i) => i.id === variables.id || i.identifier === variables.id);
        if (!issue) return { status: 200, body: { data: null, errors: [{ message: 'Entity not found: Issue', extensions: { type: 'invalid input', userPresentableMessage: 'Could not find referenced Issue.' } }] } };
        // The fields the SDK's Issue fragment asks for and its model reads unconditionally, as Linear answers them.
        return data({ issue: { __typename: 'Issue', ...issue, team: { id: issue.teamId }, number: Number(issue.identifier.split('-')[1]), reactions: [], reactionData: [], sharedAccess: { isShared: false, sharedWithCount: 0, viewerHasOnlySharedAccess: false, disallowedIssueFields: [], sharedWithUsers: [] } } });
      }
      case 'workflowState': return data({ workflowState: Object.values(STATES).find((s) => s.id === variables.id) });
      default: return { status: 200, body: { errors: [{ message: `the double has no ${FakeLinear.operation(call)}` }] } };
    }
  }
}
