import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { Category } from '../config/schema.js';
import type { Tx } from '../db/client.js';
import { actions, feedbackItems, routings, sources, voices } from '../db/schema/index.js';
import { Actor } from './actor.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { cleanInbound, userText } from './inert-text.js';
import { identifyMember } from './members/identify-member.js';
import { enqueueDeliveries, teamHome } from './outbox.js';
import { parseInput } from './parse-input.js';
import { planRouting, type PlannedRouting } from './routing/plan-routing.js';
import { dueTimes } from './sla/due-times.js';
import { resolveItemId } from './items/resolve-item-id.js';

const MessagePlatform = z.enum(['slack', 'discord', 'webhook', 'console']);

export const CaptureInput = z.object({
  /** The configured source the message came from (a channel or forum ID, or a webhook key). */
  source: z.object({ platform: MessagePlatform, id: z.string().min(1) }).optional(),
  /** For captures outside any configured source (`/feedback`, a reaction elsewhere): the community it belongs to. */
  community: z.string().optional(),
  message: z.object({
    platform: MessagePlatform,
    /** Where the message is: a channel, or the thread of a forum post. */
    channelId: z.string().min(1),
    id: z.string().min(1),
    /** The thread a reply belongs in, when the message is inside one. */
    threadId: z.string().optional(),
    title: z.string().max(300).optional(),
    text: z.string().max(40_000),
    permalink: z.url().optional(),
    postedAt: z.coerce.date(),
  }),
  author: z.object({ platform: MessagePlatform, id: z.string().min(1), name: z.string().min(1).max(200) }),
  via: z.enum(['message', 'reaction', 'shortcut', 'command', 'webhook', 'forum_post']),
  /** The employee who captured it by hand; absent for automatic capture. */
  capturedBy: Actor.optional(),
  overrides: z.object({ teams: z.array(z.string()).min(1).optional(), category: Category.optional(), note: userText(2000).optional() }).default({}),
});
export type CaptureInput = z.input<typeof CaptureInput>;

export type CaptureResult =
  | { status: 'created'; itemId: number; routings: { id: number; team: string }[] }
  | { status: 'duplicate'; itemId: number }
  | { status: 'ignored'; reason: 'noise' };

const AUTOMATIC = new Set(['message', 'forum_post']);

/** Stores a piece of feedback once, classifies and routes it, and enqueues a card for each team it reaches. */
export async function captureFeedback(ctx: Context, raw: CaptureInput): Promise<CaptureResult> {
  const input = parseInput(CaptureInput, raw);
  const sourceKey = { platform: input.message.platform, channelId: input.message.channelId, messageId: input.message.id };
  const known = await findVoice(ctx, sourceKey);
  if (known !== undefined) return { status: 'duplicate', itemId: await resolveItemId(ctx.db, known) };

  const text = cleanInbound(input.message.text);
  const title = input.message.title === undefined ? undefined : cleanInbound(input.message.title);
  const classification = ctx.classifier.classify(title ? `${title}\n\n${text}` : text);
  if (input.overrides.category) classification.category = input.overrides.category;
  if (classification.category === 'noise' && AUTOMATIC.has(input.via) && ctx.config.capture.noise === 'skip') {
    return { status: 'ignored', reason: 'noise' };
  }

  const source = await findSource(ctx, input);
  const planned: PlannedRouting[] = input.overrides.teams
    ? input.overrides.teams.map((team) => ({ team, reason: { kind: 'manual', summary: `Sent here by ${input.capturedBy?.name ?? 'hand'}${input.overrides.note ? `: ${input.overrides.note}` : ''}` } }))
    : classification.category === 'noise'
      ? []
      : planRouting(ctx.config, { text: `${title ?? ''}\n${text}`, community: source.communityId, classification });
  for (const p of planned) if (!(p.team in ctx.config.teams)) throw new DomainError('invalid_input', `There is no team called "${p.team}".`);

  const now = ctx.clock.now();
  const result = await ctx.db
    .transaction(async (tx) => {
      const authorId = await identifyMember(tx, { platform: input.author.platform, id: input.author.id, name: cleanInbound(input.author.name) });
      const [item] = await tx
        .insert(feedbackItems)
        .values({
          communityId: source.communityId,
          sourceId: source.id,
          authorId,
          title,
          text,
          category: classification.category,
          categoryConfidence: classification.confidence,
          sentiment: classification.sentiment,
          urgency: classification.urgency,
          classification: { modelVersion: classification.modelVersion, alternatives: classification.alternatives.slice(0, 4), terms: classification.terms, sentimentScore: classification.sentimentScore },
          permalink: input.message.permalink,
          postedAt: input.message.postedAt,
          capturedAt: now,
        })
        .returning({ id: feedbackItems.id });
      const itemId = (item as { id: number }).id;
      const voice = await tx
        .insert(voices)
        .values({ itemId, memberId: authorId, authorExternalId: input.author.id, sourceId: source.id, ...sourceKeyColumns(sourceKey), threadId: input.message.threadId, text, permalink: input.message.permalink, capturedVia: input.via, capturedBy: input.capturedBy?.name, postedAt: input.message.postedAt, capturedAt: now })
        .onConflictDoNothing()
        .returning({ id: voices.id });
      if (voice.length === 0) throw new DuplicateRace();
      const actor = input.capturedBy ?? { platform: input.author.platform, id: input.author.id, name: input.author.name };
      await tx.insert(actions).values({ itemId, kind: 'capture', via: input.capturedBy ? 'command' : 'system', actorPlatform: actor.platform, actorId: actor.id, actorName: actor.name, reason: input.overrides.note, data: { via: input.via }, createdAt: now });
      const created = await insertRoutings(tx, ctx, itemId, source.communityId, planned, now);
      return { status: 'created' as const, itemId, routings: created };
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof DuplicateRace)) throw error;
      const winner = await findVoice(ctx, sourceKey);
      return { status: 'duplicate' as const, itemId: await resolveItemId(ctx.db, winner as number) };
    });
  if (result.status === 'created') ctx.logger.info({ itemId: result.itemId, category: classification.category, teams: planned.map((p) => p.team) }, 'feedback captured');
  return result;
}

/** Routings and their cards, in the caller's transaction. Also used when an item is re-routed. */
export async function insertRoutings(tx: Tx, ctx: Context, itemId: number, communityId: string, planned: PlannedRouting[], now: Date, extra: { priority?: 'normal' | 'high' | 'urgent'; passedFromId?: number; hops?: number } = {}) {
  if (planned.length === 0) return [];
  const priority = extra.priority ?? 'normal';
  const rows = await tx
    .insert(routings)
    .values(planned.map((p) => ({ itemId, teamId: p.team, reason: p.reason, priority, passedFromId: extra.passedFromId, hops: extra.hops ?? 0, ...dueTimes(ctx.config, p.team, communityId, priority, now), createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: [routings.itemId, routings.teamId] })
    .returning({ id: routings.id, team: routings.teamId });
  await enqueueDeliveries(tx, now, rows.map((r) => ({ key: `card:routing:${r.id}`, kind: 'card', target: teamHome(ctx.config, r.team), payload: {}, itemId, routingId: r.id })));
  return rows;
}

class DuplicateRace extends Error {}

type SourceKey = { platform: 'slack' | 'discord' | 'webhook' | 'console'; channelId: string; messageId: string };
const sourceKeyColumns = (k: SourceKey) => ({ platform: k.platform, channelId: k.channelId, messageId: k.messageId });

async function findVoice(ctx: Context, key: SourceKey): Promise<number | undefined> {
  const [row] = await ctx.db
    .select({ itemId: voices.itemId })
    .from(voices)
    .where(and(eq(voices.platform, key.platform), eq(voices.channelId, key.channelId), eq(voices.messageId, key.messageId)));
  return row?.itemId;
}

/** The configured source, or for a hand-made capture the community's manual source on that platform. */
async function findSource(ctx: Context, input: z.infer<typeof CaptureInput>): Promise<{ id: number; communityId: string }> {
  if (input.source) {
    const [row] = await ctx.db
      .select({ id: sources.id, communityId: sources.communityId })
      .from(sources)
      .where(and(eq(sources.platform, input.source.platform), eq(sources.externalId, input.source.id), eq(sources.active, true)));
    if (row) return row;
    if (!input.community) throw new DomainError('unknown_source', `${input.source.platform} ${input.source.id} is not a feedback source in the config.`);
  }
  const community = input.community;
  if (!community || !(community in ctx.config.communities)) {
    throw new DomainError('unknown_source', community ? `There is no community called "${community}".` : 'Say which community this feedback comes from.');
  }
  const externalId = `manual:${community}:${input.message.platform}`;
  const [row] = await ctx.db
    .insert(sources)
    .values({ communityId: community, platform: input.message.platform, kind: 'manual', externalId })
    .onConflictDoUpdate({ target: [sources.platform, sources.externalId], set: { active: true } })
    .returning({ id: sources.id, communityId: sources.communityId });
  return row as { id: number; communityId: string };
}
