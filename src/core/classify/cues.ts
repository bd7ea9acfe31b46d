import { EMOJI_POLARITY, NEGATORS, POLARITY } from './sentiment-lexicon.js';

/**
 * Extra tokens that say something general about a text: its tone (from the sentiment lexicon), whether it has emoji,
 * and how long it is. They let a small training set generalise: a complaint the examples never phrased that way
 * still carries `#neg`, and a two-word message is most likely chatter. Cue tokens start with `#`, which no word does.
 */
const EMOJI = /\p{Extended_Pictographic}/u;

export function cueTokens(words: readonly string[]): string[] {
  const cues: string[] = [];
  let negatedUntil = -1;
  words.forEach((word, i) => {
    if (NEGATORS.has(word)) negatedUntil = i + 3;
    const polarity = POLARITY.get(word) ?? EMOJI_POLARITY.get(word) ?? 0;
    const flipped = i <= negatedUntil ? -polarity : polarity;
    if (flipped > 0) cues.push('#pos');
    if (flipped < 0) cues.push('#neg');
    // Emoji are one-code-point tokens (tokenize.ts); test only those, the regex is costly on every word of a long post.
    if (word.length <= 2 && EMOJI.test(word)) cues.push('#emoji');
  });
  cues.push(`#len${lengthBucket(words.length)}`);
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
