import { z } from 'zod';

/**
 * Text from outside is stored as written (minus what PostgreSQL cannot hold) and made inert when shown. These helpers
 * are platform-neutral; each presenter also escapes its own markup.
 */

// NUL cannot be stored in PostgreSQL text; other C0 controls except tab and newline only hide content.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Bidi embeddings, overrides and isolates can make a link or a name read backwards ("Trojan Source").
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const ZERO_WIDTH_SPACE = '\u200B';

/** What capture stores: NUL and other invisible controls removed, line endings normalised. */
export function cleanInbound(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** A zod field for free text typed by people (reasons, notes): stored without what PostgreSQL cannot hold. */
export function userText(max: number) {
  return z.string().trim().max(max).transform(cleanInbound);
}

/** Removes bidi controls, which presenters never show. */
export function stripBidi(text: string): string {
  return text.replace(BIDI, '');
}

/**
 * Breaks every broadcast or mention token: `@here`, `@channel`, `@everyone`, Slack `<!here>`, `<@U…>`, `<!subteam^…>`,
 * Discord `<@123>`, `<@&123>`. A zero-width space after `@` and `<` keeps the text readable and unpingable.
 */
export function defuseMentions(text: string): string {
  return text
    .replace(/@(here|channel|everyone|all)\b/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@!#]|@&)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** Inert text for any plain-text surface: no bidi tricks, no mentions. */
export function inert(text: string): string {
  return defuseMentions(stripBidi(text));
}

/**
 * A short single-line excerpt, for lists, notifications and log lines: cut at a word boundary when there is one in
 * the last third (a long URL or an unbroken word is cut where it must be), and always marked with "…".
 */
export function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = space >= Math.floor((max * 2) / 3) ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
