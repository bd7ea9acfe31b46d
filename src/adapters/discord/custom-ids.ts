import { z } from 'zod';

/**
 * Button and modal IDs carry what the click is about, so that a click after a restart needs no memory of the card.
 * `lz:<verb>:<routingId>[:<team>]`, well under Discord's 100 characters.
 */
export const CARD_VERBS = ['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'suggest', 'create_issue', 'link_issue'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

const CardId = z.object({
  verb: z.enum(CARD_VERBS),
  routingId: z.coerce.number().int().positive(),
  team: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/).optional(),
});
export type CardId = z.infer<typeof CardId>;

export function cardCustomId(verb: CardVerb, routingId: number, team?: string): string {
  return ['lz', verb, routingId, ...(team ? [team] : [])].join(':');
}

/** The card action a custom ID names, or undefined for an ID that is not ours (or was tampered with). */
export function parseCardCustomId(customId: string): CardId | undefined {
  const [prefix, verb, routingId, team, ...rest] = customId.split(':');
  if (prefix !== 'lz' || rest.length > 0) return undefined;
  const parsed = CardId.safeParse({ verb, routingId, team });
  return parsed.success ? parsed.data : undefined;
}

/** A card's merge button: `lz:merge:<item>:<look-alike>`, the two items to become one (the older stays). */
export function mergeCustomId(itemId: number, otherId: number): string {
  return `lz:merge:${itemId}:${otherId}`;
}

export function parseMergeCustomId(customId: string): [number, number] | undefined {
  const match = /^lz:merge:(\d{1,15}):(\d{1,15})$/.exec(customId);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Modal field IDs, shared by the modal builders and the submit handler. */
export const MODAL_FIELDS = { reason: 'reason', team: 'team', note: 'note', ref: 'ref' } as const;
