import { PLACEHOLDERS } from './placeholders.js';

/**
 * Words never shown as the reason for a category: they carry grammar, time or quantity, not what the text is about.
 * A card that says "why: time, every, since" tells nobody anything; "why: export, crashes" does. Written for this
 * project from the words that came up as reasons on the built-in examples and on GitHub issues before this list.
 */
const FILLER = (
  // Articles, conjunctions, prepositions, pronouns, auxiliaries
  // Not "down" or "out": "still down", "logged out" are what a report is about.
  'a an the and or but nor if then else so of to in on at by for with without from as into onto over under up off ' +
  'about above below after before between through during until till via per than too very also just only even ever ' +
  'is am are was were be been being it its itself this that these those there here which who whom whose what when where why how ' +
  'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
  'they them their theirs themselves one ones someone anyone everyone somebody anybody everybody something anything everything nothing ' +
  'do does did doing done have has had having get gets got getting gotten make makes made making go goes went going gone ' +
  'can could would should will shall may might must need needs needed ought let lets ' +
  "i'm i'd i'll i've you're you've you'll we're we've we'll they're they've it's that's there's what's let's " +
  "don't doesn't didn't can't cannot couldn't won't wouldn't shouldn't isn't aren't wasn't weren't haven't hasn't hadn't " +
  // Quantity, time and sequence
  'not no yes yeah yep ok okay all any some many much more most less least few several each every either neither both other another ' +
  'same such own lot lots bit little enough quite rather really actually basically literally probably maybe perhaps ' +
  'time times day days week weeks month months year years today yesterday tomorrow tonight now then soon later earlier ' +
  'since ago already still again always never often sometimes usually once twice first second third last next new old ' +
  'two three four five six seven eight nine ten hundred thousand ' +
  'morning evening night minute minutes hour hours moment while ' +
  // Vague nouns and verbs
  'thing things stuff way ways kind sort type part point case fact lot people person guy guys folks hi hey hello ' +
  'like just well back around anyway though although however because cause since whether ' +
  'see seem seems seemed look looks looked know knew think thought say said says tell told want wanted try tried use used using ' +
  'come came take took give gave put keep kept find found show shows shown please pls plz'
).split(/\s+/);

const FILLER_SET: ReadonlySet<string> = new Set(FILLER);

/** Whether a word may be shown as a reason: not filler, not a placeholder, not a number, user id or one letter. */
export function isTellingWord(word: string): boolean {
  if (word.length < 2 || FILLER_SET.has(word) || PLACEHOLDERS.has(word)) return false;
  // Numbers, versions, ids ("u04abcd1234", "381726354728190012"): a digit makes a word an identifier, not a topic.
  if (/\d/.test(word)) return false;
  return /\p{L}/u.test(word);
}
