import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { routings } from '../../db/schema/index.js';
import { isActive } from '../actions/transitions.js';
import { Actor } from '../actor.js';
import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { parseInput } from '../parse-input.js';
import type { TrackerSettings } from '../../config/tracker-schema.js';
import { enqueueIssueRequest, teamTracker } from './enqueue-issue-request.js';
import { Notify, trackerPlace } from './issue-link.js';
import { parseIssueRef } from './issue-ref.js';

export const RequestIssueInput = z.object({
  routingId: z.number().int().positive(),
  /** `create` makes a new issue; `link` attaches the one `ref` names (a URL or a key). */
  op: z.enum(['create', 'link']),
  ref: z.string().trim().max(500).optional(),
  actor: Actor,
  via: z.enum(['button', 'modal', 'command', 'api', 'web']),
  /** Where to tell the person, privately, if the tracker refuses. */
  notify: Notify.optional(),
}).refine((i) => i.op === 'create' || (i.ref && i.ref.length > 0), { path: ['ref'], message: 'give the issue’s URL or key' });
export type RequestIssueInput = z.input<typeof RequestIssueInput>;

export interface RequestIssueResult {
  status: 'requested';
  routingId: number;
  itemId: number;
  team: string;
  tracker: 'github' | 'linear' | 'jira';
  /** The repository, Linear team or Jira project. */
  place: string;
  /** For a link: the issue's key as parsed. */
  key?: string;
}

/**
 * Create issue / Link issue on a card (or `liaison issue`, or the web page). The tracker is called by the outbox,
 * never here: the card shows the request pending at once, and the issue and its ledger entry appear when the
 * tracker answers. A link names an issue of the team's own tracker, or is refused with what was expected.
 */
export async function requestIssue(ctx: Context, raw: RequestIssueInput): Promise<RequestIssueResult> {
  const input = parseInput(RequestIssueInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [routing] = await tx.select().from(routings).where(eq(routings.id, input.routingId)).for('update');
    if (!routing) throw new DomainError('not_found', { reason: 'unknown_routing', details: { routingId: input.routingId } });
    if (!isActive(routing.status)) throw new DomainError('invalid_transition', { reason: 'issue_on_closed_card', details: {} });
    const key = input.op === 'link' ? parseRef(teamTracker(ctx, routing.teamId), input.ref as string) : undefined;
    const done = await enqueueIssueRequest(tx, ctx, { routing, op: input.op, ref: key, actor: input.actor, via: input.via, notify: input.notify, now: ctx.clock.now() });
    return { status: 'requested' as const, routingId: routing.id, itemId: routing.itemId, team: routing.teamId, tracker: done.tracker.kind, place: done.place, key };
  });
}

function parseRef(settings: TrackerSettings, ref: string): string {
  const key = parseIssueRef(settings, ref);
  if (key) return key;
  throw new DomainError('invalid_input', { reason: 'bad_issue_ref', details: { ref: ref.slice(0, 100), tracker: settings.kind, place: trackerPlace(settings), field: 'ref' } });
}
