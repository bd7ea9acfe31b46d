/**
 * The string hashes behind feature hashing (features.ts): FNV-1a over UTF-16 code units with a final avalanche, one
 * seed per feature family. A word pair and a padded character n-gram are hashed in place, without building the string:
 * a long post has thousands of them. Changing anything here changes every slot, so stored models would no longer match.
 */

export const SEED_WORD = 0x811c9dc5;
export const SEED_BIGRAM = 0x1b873593;
export const SEED_CHAR = 0x5bd1e995;
export const SEED_HEADLINE_CHAR = SEED_CHAR + 101;

/** FNV-1a over UTF-16 code units with a per-family seed, so that "ab" the word and "ab" the n-gram differ. */
export function hashString(text: string, seed: number, start = 0, end = text.length): number {
  return avalanche(fnv(seed >>> 0, text, start, end));
}

function fnv(state: number, text: string, start: number, end: number): number {
  let hash = state;
  for (let i = start; i < end; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** A final avalanche so that low bits (which pick the slot) depend on every character. */
function avalanche(state: number): number {
  let hash = state;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

const SPACE = 0x20;
const OPEN = 0x3c; // '<'
const CLOSE = 0x3e; // '>'

/** hashString(`${first} ${second}`, seed) without building the string: a pair per position of every text. */
export function hashPair(first: string, second: string, seed: number): number {
  const hash = Math.imul(fnv(seed >>> 0, first, 0, first.length) ^ SPACE, 0x01000193);
  return avalanche(fnv(hash, second, 0, second.length));
}

/**
 * hashString(padded, seed, at, at + size) where padded is `<${word.slice(from)}>`, without building it: a long post
 * has thousands of n-grams.
 */
export function hashPaddedGram(word: string, from: number, seed: number, at: number, size: number): number {
  const last = word.length - from + 1; // index of '>' in the padded word
  let hash = seed >>> 0;
  let i = at;
  const end = at + size;
  if (i === 0) {
    hash = Math.imul(hash ^ OPEN, 0x01000193);
    i = 1;
  }
  const inner = Math.min(end, last);
  hash = fnv(hash, word, i - 1 + from, inner - 1 + from);
  if (end > last) hash = Math.imul(hash ^ CLOSE, 0x01000193);
  return avalanche(hash);
}
