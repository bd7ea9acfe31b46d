import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problems.js';
import { trackerSettings } from '../../src/config/tracker-schema.js';
import { parseIssueRef } from '../../src/core/trackers/issue-ref.js';
import { webhookEventJsonSchema } from '../../src/core/webhooks/webhook-event.js';
import { defuse, githubTitle } from '../../src/adapters/trackers/issue-body.js';

const ORGANISATION = [
  'teams:',
  '  product:',
  '    home: { slack: C0PRODUCT }',
  '    tracker: { github: { repo: fernhill/garden-app, token: { env: GITHUB_TOKEN_UNSET }, webhookSecret: { env: GITHUB_HOOK_UNSET }, labels: [feedback], createOnTake: true } }',
  '  support:',
  '    home: { discord: "1203" }',
  '    tracker: { linear: { team: eng, apiKey: { env: LINEAR_KEY } } }',
  '  sales:',
  '    home: { slack: C0SALES }',
  '    tracker: { jira: { site: https://fernhill.atlassian.net, project: GARDEN, email: bot@fernhill.example, token: { env: JIRA_TOKEN } } }',
  'communities: { forum: { sources: [ { webhook: { key: forum, secret: a-test-secret-of-some-length } } ] } }',
  'routing: { fallback: product }',
  'webhooks:',
  '  - { url: https://hooks.example/a, secret: { env: HOOK_SECRET_UNSET }, events: [captured, shipped] }',
].join('\n');

function problemsOf(text: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfigText(text, 'liaison.yaml', env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('tracker and webhook settings', () => {
  it('lists every malformed field and every missing secret variable with its path, all at once', () => {
    expect(problemsOf(ORGANISATION, { LINEAR_KEY: 'lin_api_x' })).toEqual([
      // In the order they appear in the file.
      'teams.product.tracker.github.token: environment variable GITHUB_TOKEN_UNSET is not set',
      'teams.product.tracker.github.webhookSecret: environment variable GITHUB_HOOK_UNSET is not set',
      'teams.support.tracker.linear.team: expected a Linear team key such as ENG',
      'teams.sales.tracker.jira.token: environment variable JIRA_TOKEN is not set',
      'webhooks.0.secret: environment variable HOOK_SECRET_UNSET is not set',
      'webhooks.0.events.1: must be one of: captured, routed, acted, resolved, declined, escalated, breached',
    ]);
    const valid = ORGANISATION.replace('team: eng', 'team: ENG').replace(', shipped', '');
    expect(problemsOf(valid, { LINEAR_KEY: 'lin_api_x' })).toEqual([
      'teams.product.tracker.github.token: environment variable GITHUB_TOKEN_UNSET is not set',
      'teams.product.tracker.github.webhookSecret: environment variable GITHUB_HOOK_UNSET is not set',
      'teams.sales.tracker.jira.token: environment variable JIRA_TOKEN is not set',
      'webhooks.0.secret: environment variable HOOK_SECRET_UNSET is not set',
    ]);
  });

  it('reads a link by URL or key only when it names an issue of the team’s own tracker', () => {
    const github = trackerSettings({ github: { repo: 'fernhill/garden-app', token: { env: 'T' }, labels: [], createOnTake: false } });
    expect(['https://github.com/fernhill/garden-app/issues/42', '#42', '42', 'Fernhill/Garden-App#42', 'https://github.com/someone/else/issues/42', 'ENG-1'].map((r) => parseIssueRef(github, r)))
      .toEqual(['fernhill/garden-app#42', 'fernhill/garden-app#42', 'fernhill/garden-app#42', 'fernhill/garden-app#42', undefined, undefined]);
    const jira = trackerSettings({ jira: { site: 'https://fernhill.atlassian.net', project: 'GARDEN', email: 'a@b.example', token: { env: 'T' }, issueType: 'Task', labels: [], createOnTake: false } });
    expect(['https://fernhill.atlassian.net/browse/GARDEN-7', 'garden-7', 'https://evil.example/browse/GARDEN-7', 'OPS-7'].map((r) => parseIssueRef(jira, r))).toEqual(['GARDEN-7', 'GARDEN-7', undefined, undefined]);
  });

  it('names and titles from outside cannot mention, link or restyle in a tracker', () => {
    expect(defuse('[bank](https://evil.example) @octocat #12')).toBe('\\[bank\\]\\(https://evil.example\\) @\u200Boctocat #\u200B12');
    expect(githubTitle({ title: 'cc @octocat about #12' } as never)).toBe('cc @\u200Boctocat about #\u200B12');
  });

  it('publishes the webhook event JSON Schema generated from its zod schema (regenerate with `npm run schema:json`)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../docs/webhook-event.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(webhookEventJsonSchema())));
  });
});
