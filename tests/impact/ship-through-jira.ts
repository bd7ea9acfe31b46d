import { eq } from 'drizzle-orm';
import { applyIssueState } from '../../src/core/trackers/apply-issue-state.js';
import { IssueRequestPayload } from '../../src/core/trackers/issue-link.js';
import { recordIssue } from '../../src/core/trackers/record-issue.js';
import { requestIssue } from '../../src/core/trackers/request-issue.js';
import { deliveries } from '../../src/db/schema/index.js';
import { person, type TestContext } from '../helpers/test-context.js';
import { trackerConfig } from '../trackers/helpers/tracker-setup.js';

/** Link Issue on a card, Jira's answer, then Jira's webhook saying it is done: the core verbs the tracker port and route call. */
export async function shipThroughJira(ctx: TestContext, routingId: number, doneAt: string) {
  await requestIssue(ctx, { routingId, op: 'link', ref: 'GARDEN-7', actor: person(ctx.config, 'lena'), via: 'button' });
  const [call] = await ctx.db.select().from(deliveries).where(eq(deliveries.kind, 'tracker_issue'));
  const issue = { id: '10007', key: 'GARDEN-7', url: 'https://fernhill.atlassian.net/browse/GARDEN-7', title: 'Winter mode', state: 'open' as const, stateLabel: 'To Do', public: false, updatedAt: ctx.clock.now() };
  await recordIssue(ctx, { request: IssueRequestPayload.parse(call!.payload), issue });
  ctx.clock.set(doneAt);
  await applyIssueState(ctx, { team: 'sales', tracker: 'jira', issue: { ...issue, state: 'completed', stateLabel: 'Done', updatedAt: ctx.clock.now() } });
}

/** The test organisation with Sales on Jira (never called here: the test plays Jira's answers itself). */
export const withJira = () => trackerConfig({ jira: 'http://127.0.0.1:9' });
