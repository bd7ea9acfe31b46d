import { cueTokens } from './cues.js';
import { PLACEHOLDERS } from './placeholders.js';

/**
 * Text → tokens. Community text is full of links, code, stack traces, emoji and markdown; we keep what carries meaning
 * (words, `?`, `!`, emoji) and fold the rest into placeholders so a URL or a number is one feature, not hundreds.
 */

/**
 * What the model reads of a text (the headline always fits): a long body adds little after its start but costs time.
 * 800, not 600: on GitHub issues a repository the model was not trained on scored 0.631 macro-F1 against 0.616 at
 * 600 (0.636 at 1,000, 0.640 at 1,200), cross-validated it is 0.005 lower (under the spread between fold seeds), and
 * the long-issue p99 stays under 1 ms, where 1,000-1,200 reached 1.2-1.4 ms on a quiet machine (docs/classifier.md).
 */
export const MAX_TEXT_CHARS = 800;
/** Bounded work on a pasted 200 KB log: code fences are stripped from this much, then the rest is capped as above. */
const MAX_RAW_CHARS = 20_000;
/** The headline (a post title, or the first line of a message) says most about intent; it gets its own features. */
const MAX_HEADLINE_CHARS = 200;
export const HEADLINE_PREFIX = '^';

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL_PATTERN = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
const HEX_PATTERN = /\b(?:0x)?[0-9a-f]{8,}\b/gi;
const NUMBER_PATTERN = /\b\d+(?:[.,:]\d+)*\b/g;
const HTML_TAG_PATTERN = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const INLINE_CODE_PATTERN = /`[^`\n]+`/g;
const TRACE_LINE_PATTERN = /^[ \t]*(?:at [\w$.<>]+ \(.*\)|File ".*", line \d+.*|Traceback \(most recent call last\):)[ \t]*$/gm;
const NO_RESPONSE_PATTERN = /^_No response_$/gm;
// Chat markup, so that how many people a message pings or links it carries never decides its category:
// Slack `<@U…>`, `<@U…|name>`, `<!here>`, `<!subteam^S…|@group>`; Discord `<@123>`, `<@!123>`, `<@&123>`.
const MENTION_MARKUP = /<(?:@[!&]?[\w]+(?:\|[^<>]*)?|![\w^]+(?:\|[^<>]*)?)>/g;
// Slack `<#C…|name>`, Discord `<#123>`.
const CHANNEL_MARKUP = /<#[\w]+(?:\|[^<>]*)?>/g;
// Discord custom emoji `<:name:123>` and animated `<a:name:123>`.
const CUSTOM_EMOJI_MARKUP = /<a?:[\w~-]+:\d+>/g;
// Slack links `<https://…|label>` keep their label, which a person wrote; `<https://…>` and `<mailto:…>` are just links.
const LINK_MARKUP = /<(?:https?:\/\/|mailto:)[^<>|]*(?:\|([^<>]*))?>/g;
// Emoji shortcodes `:tada:`, `:+1:`, `:slightly_smiling_face:` (not times like 10:30:45, which have no letter first).
const EMOJI_CODE = /(?<![\w:]):(?:[a-z][\w+-]{1,40}|\+1|-1):(?![\w:])/gi;
// A plain `@maria` (not an e-mail address, which the e-mail pattern has already taken).
const PLAIN_MENTION = /(?<![\w.@])@[\w][\w.-]*/g;
// Words (with inner apostrophes), single `?` / `!`, and emoji: the punctuation and emoji carry tone and intent.
const TOKEN_PATTERN = /[\p{L}\p{N}_]+(?:'[\p{L}]+)?|[?!]|\p{Extended_Pictographic}/gu;

/**
 * What the model sees of a text: fenced code (pasted logs, configs, stack traces) becomes one placeholder, because its
 * words are about the user's code, not about their intent; then the length is capped. Measured on GitHub issues this
 * lifted cross-validated macro-F1 by about 0.01. Stored training examples are kept in this form.
 */
export function prepareText(text: string): string {
  // NUL is dropped because PostgreSQL cannot store it, and prepared texts are stored as training examples.
  let out = text.slice(0, MAX_RAW_CHARS).replace(/```[\s\S]*?(?:```|$)/g, ' xcode ');
  // Markup: HTML tags (<details>, <br>) are layout, not words; an inline `code` span is one placeholder like a block;
  // stack-trace lines pasted outside a fence become one token; an empty form answer ("_No response_") is dropped.
  // Each runs only when its cheap precondition holds.
  if (out.includes('<')) out = chatMarkup(out).replace(HTML_TAG_PATTERN, ' ');
  if (out.includes(':')) out = out.replace(EMOJI_CODE, ' xemoji ');
  if (out.includes('`')) out = out.replace(INLINE_CODE_PATTERN, ' xicode ');
  if (out.includes('at ') || out.includes('File "') || out.includes('Traceback')) out = out.replace(TRACE_LINE_PATTERN, ' xtrace ');
  if (out.includes('_No response_')) out = out.replace(NO_RESPONSE_PATTERN, ' ');
  return out
    .replaceAll(String.fromCharCode(0), ' ')
    .slice(0, MAX_TEXT_CHARS);
}

/** Mentions, channel links and custom emoji become placeholders; a Slack link keeps its label after one. */
function chatMarkup(text: string): string {
  return text
    .replace(MENTION_MARKUP, ' xmention ')
    .replace(CHANNEL_MARKUP, ' xchannel ')
    .replace(CUSTOM_EMOJI_MARKUP, ' xemoji ')
    .replace(LINK_MARKUP, (_, label: string | undefined) => ` xurl ${label ?? ''} `);
}

export function normalise(text: string): string {
  // Each pattern runs only when its cheap precondition holds: most messages have no link, address or digit.
  let out = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  if (out.includes('://') || out.includes('www.')) out = out.replace(URL_PATTERN, ' xurl ');
  if (out.includes('@')) out = out.replace(EMAIL_PATTERN, ' xemail ').replace(PLAIN_MENTION, ' xmention ');
  if (/\d/.test(out)) out = out.replace(HEX_PATTERN, ' xhex ').replace(NUMBER_PATTERN, ' xnum ');
  return out;
}

/**
 * Word tokens of already normalised text. Runs of `?`/`!` count once: "???" means what "?" means; so do runs of one
 * placeholder: six mentions in a row say what one says.
 */
export function words(normalised: string): string[] {
  const tokens = normalised.match(TOKEN_PATTERN) ?? [];
  const out: string[] = [];
  for (const token of tokens) {
    if ((token === '?' || token === '!' || PLACEHOLDERS.has(token)) && out[out.length - 1] === token) continue;
    out.push(token);
  }
  return out;
}

export function tokenize(text: string): string[] {
  return words(normalise(text));
}

export interface DocumentTokens {
  /** The prepared text's words, then the headline's words again under their own prefix. */
  tokens: string[];
  /** Only the first `bodyLength` tokens get character n-grams: the headline's would repeat them. */
  bodyLength: number;
  /** Whether cue tokens were added at the end. */
  cues: boolean;
}

/**
 * A headline phrased as a usage question ("How do I…", "Is there a way to…", "… ?"): one cue token, so that a long
 * GitHub question with a pasted log is not read as a bug report for its log alone.
 */
export const ASK_TOKEN = `${HEADLINE_PREFIX}#ask`;
const ASK = /^\s*(?:\[?question\]?:?\s*)?(?:how|is there|is it possible|can i|can we|can you|could i|what|why|where|which|does|do i|do you|should|any way|anyone know)\b|\?\s*$/;
export function documentTokens(text: string, withCues = false): DocumentTokens {
  const prepared = prepareText(text);
  const newline = prepared.indexOf('\n');
  const headline = (newline < 0 ? prepared : prepared.slice(0, newline)).slice(0, MAX_HEADLINE_CHARS);
  const body = tokenize(prepared);
  // The bare prefix marks where the headline starts, so its first word also forms a pair ("^ ^how", "^ ^add").
  const tokens = [...body, HEADLINE_PREFIX, ...tokenize(headline).map((word) => HEADLINE_PREFIX + word)];
  if (withCues) tokens.push(...cueTokens(body));
  // In the headline's block (a headline token, not a cue), where a long body cannot dilute it.
  if (withCues && ASK.test(headline.toLowerCase())) tokens.push(ASK_TOKEN);
  return { tokens, bodyLength: body.length, cues: withCues };
}

/** A headline token back to its word, for explanations. */
export function plainWord(token: string): string {
  return token.startsWith(HEADLINE_PREFIX) ? token.slice(HEADLINE_PREFIX.length) : token;
}
