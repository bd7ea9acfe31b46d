import { inert } from '../../core/inert-text.js';
import { zonedTime } from '../local-time.js';

/**
 * Slack mrkdwn for text from outside. Escaping `&`, `<` and `>` turns `<!channel>`, `<@U…>`, `<!subteam^…>` and
 * `<https://evil|click>` into visible characters; `inert` also breaks bare `@here` and strips bidi and controls.
 * Sections that carry such text are sent with `verbatim: true`, so Slack does not auto-link URLs or names in them.
 */
export function userText(text: string): string {
  return escapeMrkdwn(inert(text.replace(/\0/g, '')));
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Quoted block of user text: every line starts with `>` so that the text cannot break out of the quote. */
export function quote(text: string): string {
  return userText(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** A link we build ourselves, to an http(s) URL only; anything else is shown as the plain label. */
export function link(url: string | null | undefined, label: string): string {
  const safeLabel = userText(label).replace(/\|/g, '∣');
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/** A mention of a Slack user we know by ID (the author of a reply, an on-call person). Never built from free text. */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : '';
}

export function mentionGroup(groupId: string): string {
  return /^S[A-Z0-9]{2,}$/.test(groupId) ? `<!subteam^${groupId}>` : '';
}

/**
 * Slack renders this in the reader's own timezone; clients that cannot (notifications, some apps) show the fallback,
 * in the organisation's timezone and naming it, as the terminal does.
 */
export function slackDate(date: Date | string, timezone: string): string {
  const seconds = Math.floor(new Date(date).getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${escapeMrkdwn(zonedTime(date, timezone))}>`;
}

/** Cuts text to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
