import { z } from 'zod';

/** Discord's limits on what one message may carry (discord-api-docs, resources/message.mdx "Embed Limits"). */
export const LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  totalEmbedChars: 6_000,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  author: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  nonce: 25,
} as const;

const Field = z.object({ name: z.string().min(1).max(LIMITS.fieldName), value: z.string().min(1).max(LIMITS.fieldValue), inline: z.boolean().optional() });

/** One embed, checked the way discord.js builders check theirs, so a presenter's mistake fails here and not at Discord. */
export const DiscordEmbed = z.object({
  title: z.string().min(1).max(LIMITS.title).optional(),
  description: z.string().min(1).max(LIMITS.description).optional(),
  url: z.url().optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  timestamp: z.string().optional(),
  fields: z.array(Field).max(LIMITS.fields).optional(),
  footer: z.object({ text: z.string().min(1).max(LIMITS.footer) }).optional(),
  author: z.object({ name: z.string().min(1).max(LIMITS.author), url: z.url().optional() }).optional(),
  /** `attachment://<filename>` for an image sent with the message. */
  image: z.object({ url: z.string() }).optional(),
});
export type DiscordEmbed = z.infer<typeof DiscordEmbed>;

/** The characters Discord counts towards the 6,000 a message's embeds may hold together. */
export function embedLength(embed: DiscordEmbed): number {
  return (embed.title?.length ?? 0)
    + (embed.description?.length ?? 0)
    + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
    + (embed.footer?.text.length ?? 0)
    + (embed.author?.name.length ?? 0);
}

export const MessageBody = z
  .object({
    content: z.string().max(LIMITS.content).optional(),
    embeds: z.array(DiscordEmbed).max(LIMITS.embedsPerMessage).optional(),
    components: z.array(z.object({ type: z.literal(1), components: z.array(z.record(z.string(), z.unknown())).min(1).max(LIMITS.buttonsPerRow) })).max(LIMITS.actionRows).optional(),
    allowed_mentions: z.object({ parse: z.array(z.enum(['users', 'roles', 'everyone'])), users: z.array(z.string()).optional(), roles: z.array(z.string()).optional(), replied_user: z.boolean().optional() }),
    message_reference: z.object({ message_id: z.string(), channel_id: z.string().optional(), fail_if_not_exists: z.boolean().optional() }).optional(),
    /** Files sent with the message (multipart), by index; `description` is the image's alt text. */
    attachments: z.array(z.object({ id: z.number().int(), filename: z.string().min(1), description: z.string().max(1_024).optional() })).optional(),
  })
  .refine((b) => (b.embeds ?? []).reduce((n, e) => n + embedLength(e), 0) <= LIMITS.totalEmbedChars, `embeds hold more than ${LIMITS.totalEmbedChars} characters together`)
  .refine((b) => Boolean(b.content) || (b.embeds?.length ?? 0) > 0, 'a message needs content or an embed');
export type MessageBody = z.infer<typeof MessageBody>;

/** A presenter produced a message Discord would refuse: a bug, and sending it again cannot help. */
export class LimitError extends Error {
  override name = 'LimitError';
}

/** Throws, naming the broken limit, if a presenter produced a message Discord would refuse. */
export function assertWithinLimits(body: MessageBody): MessageBody {
  const result = MessageBody.safeParse(body);
  if (!result.success) throw new LimitError(`message outside Discord limits: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return body;
}
