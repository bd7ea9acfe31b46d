import type { ItemReference } from '../../core/find-item.js';

/**
 * Slack's wire format to plain text, for storing what a person wrote: `<@U1|ann>` → `@ann`, `<https://x|label>` →
 * `label (https://x)`, `<!here>` → `@here`, and the three entities Slack escapes. Presenters make it inert again.
 */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `@${name || id}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => name || `@${id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `<@U123>` or `<@U123|ann>` as Slack sends a mention in a command's text. */
export function parseMention(token: string): { id: string; name?: string } | undefined {
  const match = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  return match ? { id: match[1] as string, name: match[2] || undefined } : undefined;
}

/**
 * A Slack message link (`https://acme.slack.com/archives/C0BIGCO/p1700000000000100`, optionally in `<…>` and with
 * `?thread_ts=…`) as the channel and message ts it points to.
 */
export function parseMessageLink(token: string): { channelId: string; ts: string } | undefined {
  const url = token.replace(/^<|>$/g, '').split('|')[0] ?? '';
  const match = /^https:\/\/[^/\s]+\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})(?:[?#].*)?$/.exec(url);
  return match ? { channelId: match[1] as string, ts: `${match[2]}.${match[3]}` } : undefined;
}

/** "#42", "42" or a message link, as the core's item reference; undefined when it is neither. */
export function parseItemReference(token: string): ItemReference | undefined {
  if (/^#?\d+$/.test(token)) return { text: token };
  const link = parseMessageLink(token);
  return link ? { message: { platform: 'slack', channelId: link.channelId, messageId: link.ts } } : undefined;
}

/** Splits a command's text on spaces, keeping `<…>` tokens (links, mentions) whole. */
export function tokens(text: string): string[] {
  return text.trim().match(/<[^>]*>|\S+/g) ?? [];
}
