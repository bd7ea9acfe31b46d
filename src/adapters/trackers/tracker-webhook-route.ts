import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit, MAX_BODY_BYTES } from '../http/body-limit.js';
import type { TrackerConnection } from '../../config/tracker-secrets.js';
import type { Context } from '../../core/context.js';
import { completeInbound, failInbound, recordInbound } from '../../core/inbound/inbound-log.js';
import { applyIssueState, type ApplyIssueStateInput } from '../../core/trackers/apply-issue-state.js';
import type { InboundHandler } from '../../jobs/inbound-retry-job.js';
import { RECEIVERS } from './tracker-webhook-receivers.js';

export const TRACKER_EVENT = 'tracker.issue_state';

/** The stored tracker events, processed again by the inbound retry job after a failure. */
export function trackerInboundHandlers(ctx: Context): Map<string, InboundHandler> {
  return new Map([[TRACKER_EVENT, async (payload) => void (await applyIssueState(ctx, payload as unknown as ApplyIssueStateInput))]]);
}

/**
 * POST /trackers/:team — the team's tracker says an issue changed. Refused with 401, before anything is stored,
 * when the signature is missing or wrong; otherwise stored in the inbound log (a delivery seen before is a
 * duplicate) and applied. An issue Liaison has not linked, or an event it does not act on, is 202 and ignored.
 */
export function mountTrackerWebhooks(app: Hono, ctx: Context, trackers: Map<string, TrackerConnection>, count: (team: string, outcome: string) => void = () => {}): void {
  app.post('/trackers/:team', bodyLimit({ maxSize: MAX_BODY_BYTES }), async (c) => {
    const team = c.req.param('team');
    const connection = trackers.get(team);
    if (!connection?.webhookSecret) {
      count('unknown', 'unknown_team');
      return c.json({ error: connection ? `team ${team} has no tracker webhook secret in the config` : `no tracker for team "${team}"` }, 404);
    }
    const raw = await c.req.text();
    const receiver = RECEIVERS[connection.kind];
    const header = (name: string) => c.req.header(name);
    const verdict = await receiver.verify({ ...connection, webhookSecret: connection.webhookSecret }, raw, header);
    if (!verdict.ok) {
      count(team, 'unauthorised');
      ctx.logger.warn({ team, tracker: connection.kind, reason: verdict.reason }, 'tracker webhook refused');
      return c.json({ error: verdict.reason }, 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      count(team, 'invalid');
      return c.json({ error: 'body is not JSON' }, 400);
    }
    const parsed = receiver.parse(connection, body, header);
    if (parsed.kind === 'ignored') {
      count(team, 'ignored');
      return c.json({ status: 'ignored', reason: parsed.reason }, 202);
    }
    const key = `tracker:${team}:${parsed.deliveryId ?? createHash('sha256').update(raw).digest('hex')}`;
    const payload = { team, tracker: connection.kind, issue: { ...parsed.issue, updatedAt: parsed.issue.updatedAt.toISOString() } };
    if ((await recordInbound(ctx.db, { key, platform: 'tracker', kind: TRACKER_EVENT, payload }, ctx.clock.now())) === 'duplicate') {
      count(team, 'duplicate');
      return c.json({ status: 'duplicate' }, 202);
    }
    try {
      const result = await applyIssueState(ctx, payload);
      await completeInbound(ctx.db, key, ctx.clock.now());
      count(team, result.status);
      return c.json({ status: result.status === 'unknown' ? 'ignored' : result.status, ...(result.status === 'unknown' ? { reason: 'no card is linked to this issue' } : {}) }, 202);
    } catch (error) {
      // Stored, so not lost: the inbound retry job applies it again in a minute.
      await failInbound(ctx.db, key, error);
      ctx.logger.error({ err: error, team, key }, 'tracker webhook stored but not applied; it will be retried');
      count(team, 'deferred');
      return c.json({ status: 'queued' }, 202);
    }
  });
}
