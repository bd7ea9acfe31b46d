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
  const ranked = [...perWord]
    .filter(([word, weight]) => weight > 0 && isTellingWord(word))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
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
