import { clip } from '../discord-text.js';
import { embedLength, LIMITS, type DiscordEmbed, type MessageBody } from './embed-limits.js';

type Field = NonNullable<DiscordEmbed['fields']>[number];
interface Style { color?: number; footer?: string }

/** Fields per embed are kept well under 6,000 characters, so that every embed fits in a message on its own. */
const FIELD_CHARS_BUDGET = LIMITS.totalEmbedChars - LIMITS.title - LIMITS.footer;

/**
 * Lines of a list into as many embeds as it takes, never splitting a line and never dropping one: a line too long
 * for an embed is clipped, not lost. Continuations say which part they are.
 */
export function linesToEmbeds(title: string, lines: string[], style: Style = {}): DiscordEmbed[] {
  // The 6,000 total counts the title and footer too, so a full description leaves room for them.
  const budget = Math.min(LIMITS.description, LIMITS.totalEmbedChars - LIMITS.title - (style.footer?.length ?? 0));
  const chunks: string[][] = [[]];
  let size = 0;
  for (const raw of lines) {
    const line = clip(raw, budget);
    const current = chunks.at(-1) as string[];
    if (current.length > 0 && size + 1 + line.length > budget) {
      chunks.push([line]);
      size = line.length;
    } else {
      current.push(line);
      size += (current.length > 1 ? 1 : 0) + line.length;
    }
  }
  return chunks.map((chunk, i) => withStyle({ title: partTitle(title, i, chunks.length), description: chunk.length > 0 ? chunk.join('\n') : undefined }, style));
}

/** Fields into embeds of at most 25 fields and a safe number of characters each. */
export function fieldsToEmbeds(title: string, fields: Field[], style: Style = {}, description?: string): DiscordEmbed[] {
  const groups: Field[][] = [[]];
  let size = description?.length ?? 0;
  for (const field of fields) {
    const current = groups.at(-1) as Field[];
    const length = field.name.length + field.value.length;
    if (current.length >= LIMITS.fields || (current.length > 0 && size + length > FIELD_CHARS_BUDGET)) {
      groups.push([field]);
      size = length;
    } else {
      current.push(field);
      size += length;
    }
  }
  return groups.map((group, i) => withStyle({ title: partTitle(title, i, groups.length), description: i === 0 ? description : undefined, fields: group.length > 0 ? group : undefined }, style));
}

/**
 * Embeds into messages: at most 10 embeds and 6,000 characters each, in order. `first` (content, mentions) goes on
 * the first message only; every message declares its allowed mentions.
 */
export function packMessages(embeds: DiscordEmbed[], first: Omit<MessageBody, 'embeds'>): MessageBody[] {
  const messages: DiscordEmbed[][] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    const current = messages.at(-1);
    if (!current || current.length >= LIMITS.embedsPerMessage || size + length > LIMITS.totalEmbedChars) {
      messages.push([embed]);
      size = length;
    } else {
      current.push(embed);
      size += length;
    }
  }
  if (messages.length === 0) return [first];
  return messages.map((group, i) => (i === 0 ? { ...first, embeds: group } : { allowed_mentions: { parse: [] }, embeds: group }));
}

function partTitle(title: string, index: number, total: number): string {
  const suffix = total > 1 ? ` (${index + 1}/${total})` : '';
  return clip(title, LIMITS.title - suffix.length) + suffix;
}

function withStyle(embed: DiscordEmbed, style: Style): DiscordEmbed {
  return {
    ...embed,
    ...(style.color === undefined ? {} : { color: style.color }),
    ...(style.footer ? { footer: { text: clip(style.footer, LIMITS.footer) } } : {}),
  };
}
