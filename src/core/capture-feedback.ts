import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { Category } from '../config/schema.js';
import { voices } from '../db/schema/index.js';
import { Actor } from './actor.js';
import { isConfidentChatter } from './chatter/confident-chatter.js';
import { recordSkippedChatter } from './chatter/skipped-chatter.js';
import { groupCommitFor } from './capture/group-commit.js';
import type { CaptureRow } from './capture/insert-capture.js';
import { lookupSource, manualSource, type SourceRow } from './capture/source-lookup.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { cleanInbound, userText } from './inert-text.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { teamHome } from './outbox.js';
import { parseInput } from './parse-input.js';
import { planRouting, type PlannedRouting } from './routing/plan-routing.js';
import { dueTimes } from './sla/due-times.js';

const MessagePlatform = z.enum(['slack', 'discord', 'webhook', 'console']);

/**
 * Every field that comes from outside is cleaned here, whichever adapter it came through: PostgreSQL cannot hold NUL
 * in text, and the other invisible controls only hide content. An ID must still say something once cleaned.
 */
// One string schema whose checks see the cleaned text (`overwrite`), rather than pipes into second and third
// schemas: the same issues, for a third of the parsing a capture costs (`npm run bench -- capture`).
const inbound = (max = 40_000) => z.string().overwrite(cleanInbound).max(max);
const inboundId = (max = 400) => inbound(max).min(1, 'is empty once invisible characters are removed');

export const CaptureInput = z.object({
  /** The configured source the message came from (a channel or forum ID, or a webhook key). */
  source: z.object({ platform: MessagePlatform, id: z.string().min(1) }).optional(),
  /** For captures outside any configured source (`/feedback`, a reaction elsewhere): the community it belongs to. */
  community: z.string().optional(),
  message: z.object({
    platform: MessagePlatform,
    /** Where the message is: a channel, or the thread of a forum post. */
    channelId: inboundId(),
    id: inboundId(),
    /** The thread a reply belongs in, when the message is inside one. */
    threadId: inboundId().optional(),
    title: inbound(300).optional(),
    text: inbound(40_000),
    /** Labels given where it was posted (a forum post's tags): kept beside the text, not in it. */
    tags: z.array(inbound(100).pipe(z.string().trim().min(1))).max(20).default([]),
    permalink: z.url().optional(),
    postedAt: z.coerce.date(),
  }),
  author: z.object({ platform: MessagePlatform, id: inboundId(), name: inboundId(200) }),
  via: z.enum(['message', 'reaction', 'shortcut', 'command', 'webhook', 'forum_post', 'web']),
  /** The employee who captured it by hand; absent for automatic capture. */
  capturedBy: Actor.extend({ name: inboundId(200) }).optional(),
  overrides: z.object({ teams: z.array(z.string()).min(1).optional(), category: Category.optional(), note: userText(2000).optional() }).default({}),
});
export type CaptureInput = z.input<typeof CaptureInput>;
/** What CaptureInput gives once parsed: cleaned, bounded, defaults filled in. */
export type CheckedCapture = z.output<typeof CaptureInput>;

export type CaptureResult =
  | { status: 'created'; itemId: number; routings: { id: number; team: string }[] }
  | { status: 'duplicate'; itemId: number }
  | { status: 'ignored'; reason: 'noise' | 'empty' };

/**
 * Only messages Liaison picks up by itself from a channel may be skipped as chatter. Everything a person or a system
 * chose to send (intake, `/feedback`, the capture reaction, "Send to Liaison", a forum post) is always routed.
 */
const AUTOMATIC = new Set(['message']);
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Stores a piece of feedback once, classifies and routes it, and enqueues a card for each team it reaches. */
export async function captureFeedback(ctx: Context, raw: CaptureInput): Promise<CaptureResult> {
  return captureChecked(ctx, parseInput(CaptureInput, raw));
}

/**
 * captureFeedback for an adapter whose own schema already holds every field to CaptureInput's rules or stricter
 * (cleaned of controls, within its length, non-empty), so that a busy path does not parse each field twice. Its
 * tests show that CaptureInput leaves what it passes here unchanged.
 */
export async function captureChecked(ctx: Context, input: CheckedCapture): Promise<CaptureResult> {
  const { text, title } = input.message;
  if (!`${title ?? ''}${text}`.trim()) {
    // A picked-up message with nothing left to read (a file alone) is not feedback; one sent on purpose is a mistake.
    if (AUTOMATIC.has(input.via)) return { status: 'ignored', reason: 'empty' };
    throw new DomainError('invalid_input', { reason: 'no_text', details: { field: 'text' } });
  }
  // The tags say what the post is about ("Bug", "Billing"): the classifier and keyword rules read them with the text.
  const body = input.message.tags.length > 0 ? `${text}\n\nTags: ${input.message.tags.join(', ')}` : text;
  const classification = ctx.classifier.classify(title ? `${title}\n\n${body}` : body);
  if (input.overrides.category) classification.category = input.overrides.category;
  const source = await findSource(ctx, input);
  const now = ctx.clock.now();
  if (AUTOMATIC.has(input.via) && ctx.config.capture.noise === 'skip' && isConfidentChatter(classification)) {
    await recordSkippedChatter(ctx.db, source.communityId, now, ctx.config.timezone);
    return { status: 'ignored', reason: 'noise' };
  }

  const planned: PlannedRouting[] = input.overrides.teams
    ? input.overrides.teams.map((team) => ({ team, reason: { kind: 'manual', ...(input.capturedBy ? { by: input.capturedBy.name } : {}), ...(input.overrides.note ? { note: input.overrides.note } : {}) } }))
    : planRouting(ctx.config, { text: `${title ?? ''}\n${body}`, community: source.communityId, classification });
  for (const p of planned) if (!(p.team in ctx.config.teams)) throw new DomainError('invalid_input', { reason: 'unknown_team', details: { team: p.team, field: 'teams' } });

  const actor = input.capturedBy ?? input.author;
  const row: CaptureRow = {
    source,
    author: input.author,
    message: input.message,
    via: input.via,
    capturedBy: input.capturedBy?.name,
    classification: {
      category: classification.category,
      confidence: classification.confidence,
      sentiment: classification.sentiment,
      urgency: classification.urgency,
      detail: { modelVersion: classification.modelVersion, alternatives: classification.alternatives.slice(0, 4), terms: classification.terms, sentimentScore: classification.sentimentScore },
    },
    ledger: { via: input.capturedBy ? (input.via === 'web' ? 'web' : 'command') : 'system', actor: { platform: actor.platform, id: actor.id, name: actor.name }, note: input.overrides.note },
    plan: planned.map((p) => {
      const due = dueTimes(ctx.config, p.team, source.communityId, 'normal', now);
      const home = teamHome(ctx.config, p.team);
      return { team: p.team, reason: p.reason, ack_due: iso(due.acknowledgeDueAt), resolve_due: iso(due.resolveDueAt), ack_risk: iso(due.acknowledgeAtRiskAt), resolve_risk: iso(due.resolveAtRiskAt), home_platform: home.platform, home_channel: home.channelId };
    }),
    now,
  };
  const stored = await groupCommitFor(ctx.db).insert(row);
  if (!stored.created) return { status: 'duplicate', itemId: await existingItem(ctx, input.message) };
  ctx.logger.info({ itemId: stored.itemId, category: classification.category, teams: planned.map((p) => p.team) }, 'feedback captured');
  return { status: 'created', itemId: stored.itemId, routings: stored.routings };
}

async function existingItem(ctx: Context, message: { platform: string; channelId: string; id: string }): Promise<number> {
  const [row] = await ctx.db
    .select({ itemId: voices.itemId })
    .from(voices)
    .where(and(eq(voices.platform, message.platform as 'slack'), eq(voices.channelId, message.channelId), eq(voices.messageId, message.id)));
  if (!row) throw new Error(`capture of ${message.platform}:${message.channelId}:${message.id} neither stored nor found`);
  return resolveItemId(ctx.db, row.itemId);
}

/** The configured source, or for a hand-made capture the community's manual source on that platform. */
async function findSource(ctx: Context, input: CheckedCapture): Promise<SourceRow> {
  if (input.source) {
    const row = await lookupSource(ctx.db, input.source.platform, input.source.id);
    if (row) return row;
    if (!input.community) throw new DomainError('unknown_source', { reason: 'not_a_source', details: { platform: input.source.platform, id: input.source.id } });
  }
  const community = input.community;
  if (!community || !(community in ctx.config.communities)) {
    throw new DomainError('unknown_source', community ? { reason: 'unknown_community', details: { community, field: 'community' } } : { reason: 'community_needed', details: { field: 'community' } });
  }
  return manualSource(ctx.db, input.message.platform, community);
}
