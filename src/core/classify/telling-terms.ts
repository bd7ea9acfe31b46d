import { isCue } from './cues.js';
import { isTellingWord } from './filler-words.js';
import { HEADLINE_PREFIX, plainWord, type DocumentTokens } from './tokenize.js';

/** Words considered for a phrase: two of these side by side in the text ("dark mode") are shown as one reason. */
const PHRASE_CANDIDATES = 5;
const MAX_PHRASE_WORDS = 3;

/**
 * The words or phrases that pushed the text most towards a category, best first: a headline word counts with its
 * body occurrences, filler and placeholders never count, and telling words next to each other make a phrase.
 */
export function tellingTerms(document: DocumentTokens, perToken: Float64Array, count: number): string[] {
  const perWord = new Map<string, number>();
  document.tokens.forEach((token, t) => {
    if (token === HEADLINE_PREFIX || isCue(token)) return;
    const word = plainWord(token);
    perWord.set(word, (perWord.get(word) ?? 0) + (perToken[t] as number));
  });
  // Only the best words can be chosen: the phrase candidates, and `count` more in case phrases take all of those.
  const ranked = best(perWord, PHRASE_CANDIDATES + count);
  const candidates = new Map(ranked.slice(0, PHRASE_CANDIDATES));
  const terms: { words: string[]; weight: number }[] = ranked.map(([word, weight]) => ({ words: [word], weight }));
  // A run of telling words side by side ("dark mode option") is one phrase, up to three words long.
  const seen = new Set<string>();
  let run: string[] = [];
  const endRun = () => {
    const words = run.slice(0, MAX_PHRASE_WORDS);
    run = [];
    const phrase = words.join(' ');
    if (words.length < 2 || new Set(words).size < words.length || seen.has(phrase)) return;
    seen.add(phrase);
    terms.push({ words, weight: words.reduce((total, word) => total + (candidates.get(word) as number), 0) });
  };
  for (let t = 0; t < document.bodyLength; t += 1) {
    const token = document.tokens[t] as string;
    if (candidates.has(token)) run.push(token);
    else endRun();
  }
  endRun();
  terms.sort((a, b) => b.weight - a.weight);
  const used = new Set<string>();
  const chosen: string[] = [];
  for (const term of terms) {
    if (chosen.length === count) break;
    if (term.words.some((word) => used.has(word))) continue;
    term.words.forEach((word) => used.add(word));
    chosen.push(term.words.join(' '));
  }
  return chosen;
}

/** Best first: more weight, then alphabetical; among equals, first seen first (as a stable sort would order them). */
const before = (word: string, weight: number, other: readonly [string, number]) => other[1] - weight || word.localeCompare(other[0]);

/**
 * The `size` best telling words with positive weight, in the order a stable sort of them all would give, without
 * sorting (or making a pair for) every word of a long post.
 */
function best(perWord: Map<string, number>, size: number): [string, number][] {
  const top: [string, number][] = [];
  for (const [word, weight] of perWord) {
    if (!(weight > 0)) continue;
    const last = top[top.length - 1];
    if (top.length === size && last !== undefined && before(word, weight, last) >= 0) continue;
    if (!isTellingWord(word)) continue;
    const entry: [string, number] = [word, weight];
    let at = top.length;
    while (at > 0 && before(word, weight, top[at - 1] as [string, number]) < 0) at -= 1;
    top.splice(at, 0, entry);
    if (top.length > size) top.pop();
  }
  return top;
}
