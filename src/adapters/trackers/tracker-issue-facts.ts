import type { IssueFacts } from '../../core/trackers/issue-link.js';

// An issue in Liaison's words, from an API answer or a webhook. Kept apart from the clients so that receiving a
// tracker's webhook does not load its SDK (@linear/sdk alone is about 11 MB of heap).

/** The fields of a GitHub issue Liaison reads, from the REST API or a webhook. */
export interface GitHubIssue { id: number; number: number; html_url: string; title: string; state: string; state_reason?: string | null; updated_at: string; body?: string | null; pull_request?: unknown }

/** A GitHub issue in Liaison's words: completed, not planned (GitHub's "not planned" and "duplicate"), or open. */
export function githubFacts(repo: string, issue: GitHubIssue, isPublic: boolean): IssueFacts {
  const notPlanned = issue.state === 'closed' && (issue.state_reason === 'not_planned' || issue.state_reason === 'duplicate');
  return {
    id: String(issue.id),
    key: `${repo}#${issue.number}`,
    url: issue.html_url,
    title: issue.title,
    state: issue.state === 'open' ? 'open' : notPlanned ? 'not_planned' : 'completed',
    stateLabel: issue.state === 'open' ? 'open' : `closed as ${(issue.state_reason ?? 'completed').replace('_', ' ')}`,
    ...(notPlanned ? { reason: (issue.state_reason as string).replace('_', ' ') } : {}),
    public: isPublic,
    updatedAt: new Date(issue.updated_at),
  };
}

/** A Linear workflow state in Liaison's words: completed, canceled (not planned, with the state's name), or open. */
export function linearFacts(issue: { id: string; identifier: string; url: string; title: string; updatedAt: Date | string }, state: { name: string; type: string } | undefined): IssueFacts {
  const type = state?.type ?? 'unstarted';
  return {
    id: issue.id,
    key: issue.identifier,
    url: issue.url,
    title: issue.title,
    state: type === 'completed' ? 'completed' : type === 'canceled' ? 'not_planned' : 'open',
    stateLabel: state?.name ?? type,
    ...(type === 'canceled' ? { reason: state?.name ?? 'canceled' } : {}),
    // Linear issues are visible to the workspace only: their links never go to the community.
    public: false,
    updatedAt: new Date(issue.updatedAt),
  };
}
