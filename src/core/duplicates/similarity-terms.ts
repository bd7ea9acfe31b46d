/**
 * The words two reports of one problem share: lower-cased words without function words and politeness ("please",
 * "thanks", "would love"), with plural and tense endings cut so that "crashes", "crashed" and "crash" meet. Kept apart
 * from the classifier's tokens, which keep exactly the words that tell categories apart ("please", "?").
 */
const STOP_WORDS = new Set(`a about after again all also am an and any are as at be been before being both but by can
could did do does doing done each even ever every for from get gets got had has have having he her here him his how i
if im in into is it its ive just let lets me more most my no nor not now of off on once one only or other our out over
own same she should so some still such than that the their them then there these they this those through to too under
until up us very was we were what when where whether which while who whom why will with would you your yours hi hello
hey please thanks thank love like seems seem keep keeps really anyone someone something`.split(/\s+/));

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_CHARS = 2_000;

export function similarityTerms(text: string): string[] {
  const words = text.slice(0, MAX_CHARS).toLowerCase().replace(/[\u2018\u2019']\p{L}*/gu, '').match(WORD) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const stem = stemOf(word);
    if (stem.length >= 2) terms.push(stem);
  }
  return terms;
}

/** A light suffix cut, enough to join inflections of one word; over-cutting ("mode" → "mod") is harmless here. */
function stemOf(word: string): string {
  if (/^\d+$/.test(word) || word.length <= 3) return word;
  return word
    .replace(/ies$/, 'y')
    .replace(/sses$/, 'ss')
    .replace(/([^su])s$/, '$1')
    .replace(/(?:ing|ed)$/, '')
    .replace(/e$/, '');
}
