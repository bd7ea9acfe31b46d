import { PLACEHOLDERS } from './placeholders.js';
import { EMOJI_POLARITY, NEGATORS, POLARITY } from './sentiment-lexicon.js';

/**
 * Extra tokens that say something general about a text: its tone (from the sentiment lexicon), whether it reports a
 * problem, whether it has emoji, and how long it is. They let a small training set generalise: a complaint the examples never phrased that way
 * still carries `#neg`, and a two-word message is most likely chatter. Cue tokens start with `#`, which no word does.
 */
const EMOJI = /\p{Extended_Pictographic}/u;

/**
 * Words that say something is wrong, whatever the product: a terse "card stopped working" or "sensor offline again"
 * is a report, not chatter, even when none of its words were in training. Written for this project; with the
 * negated-verb cue below it raised the built-in model's separation of chatter from real requests (docs/classifier.md).
 */
const PROBLEM = new Set(
  ('broken stuck offline error errors fail fails failed failing failure crash crashes crashed crashing stolen lost missing ' +
    'charged charge fee refund blocked declined pending waiting wrong issue issues problem problems bug bugs unable stopped ' +
    'keeps frozen freezes disconnecting disconnected timeout down logged').split(' '),
);
/** "doesn't", "won't", "can't"...: a request or a report far more often than chatter. */
const NEGATED_VERBS = new Set(
  "doesn't don't didn't won't can't cannot isn't aren't wasn't hasn't haven't couldn't not never doesnt dont didnt wont cant isnt".split(' '),
);
export function cueTokens(words: readonly string[]): string[] {
  const cues: string[] = [];
  let negatedUntil = -1;
  let placeholders = 0;
  words.forEach((word, i) => {
    if (PROBLEM.has(word)) cues.push('#problem');
    if (NEGATED_VERBS.has(word)) cues.push('#negated');
    if (NEGATORS.has(word)) negatedUntil = i + 3;
    const polarity = POLARITY.get(word) ?? EMOJI_POLARITY.get(word) ?? 0;
    const flipped = i <= negatedUntil ? -polarity : polarity;
    if (flipped > 0) cues.push('#pos');
    if (flipped < 0) cues.push('#neg');
    // Emoji are one-code-point tokens (tokenize.ts); test only those, the regex is costly on every word of a long post.
    if ((word.length <= 2 && EMOJI.test(word)) || word === 'xemoji') cues.push('#emoji');
    if (PLACEHOLDERS.has(word)) placeholders += 1;
  });
  // Mentions and links are not words someone wrote: six mentions do not make a message long.
  cues.push(`#len${lengthBucket(words.length - placeholders)}`);
  return cues;
}

function lengthBucket(count: number): number {
  if (count <= 2) return 1;
  if (count <= 5) return 2;
  if (count <= 12) return 3;
  if (count <= 30) return 4;
  if (count <= 100) return 5;
  return 6;
}

export function isCue(token: string): boolean {
  return token.startsWith('#');
}
