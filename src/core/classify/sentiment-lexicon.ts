/**
 * Word polarities for product-community text, -3 (very negative) .. 3 (very positive), written for this project.
 * General lexicons miss that "crash", "broken" or "bricked" are negative here and that "fixed" or "smooth" are
 * good news; this list is tuned to how people talk about software and hardware.
 */
const ENTRIES: Record<number, string> = {
  3: 'love loved loves amazing awesome fantastic excellent incredible outstanding superb brilliant perfect perfectly ' +
    'wonderful gorgeous phenomenal flawless delighted thrilled hero stellar',
  2: 'great good nice happy glad impressed impressive thanks thank thx ty appreciate appreciated helpful useful beautiful ' +
    'smooth smoothly fast faster quick quickly easy easier reliable solid stable polished clean clear clearer intuitive ' +
    'enjoy enjoying pleasure kudos props congrats congratulations recommend recommended favourite favorite best better ' +
    'cool slick joy win wins worth fixed painless generous friendly premium accurate',
  1: 'ok okay fine decent acceptable works working liked interesting fair welcome improved improvement improvements calm handy happier',
  [-1]: 'bug bugs error errors issue issues problem problems slow slower wrong missing confusing confused odd weird ' +
    'meh lag lags laggy glitch glitchy outdated cluttered noisy loud difficult unclear tired lost annoying down ' +
    'nag nags nagging pushy expensive pricey cheap flimsy backwards drains canned forever delay delays delayed late ' +
    'sadly unfortunately lose losing ignoring slowly',
  [-2]: 'crash crashes crashed crashing broken break breaks fail fails failed failing failure bad worse poor ' +
    'frustrated frustrating frustration disappointed disappointing unhappy upset annoyed painful pain useless ' +
    'leak stuck freezes frozen hangs dead outage unusable unreliable hate hated angry slowest ridiculous ' +
    'misleading nightmare concerned worried sucks terrible awful horrible mess broke wasted waste ignored rude hassle regret',
  [-3]: 'unacceptable worst disaster disgusting furious bricked garbage trash scam infuriating unbearable maddening',
};

export const POLARITY: ReadonlyMap<string, number> = new Map(
  Object.entries(ENTRIES).flatMap(([score, words]) => words.split(/\s+/).filter(Boolean).map((word) => [word, Number(score)] as const)),
);

/** Emoji carry tone in chat more reliably than words do. */
export const EMOJI_POLARITY: ReadonlyMap<string, number> = new Map([
  ['😍', 3], ['🎉', 2], ['🙏', 2], ['👍', 1], ['❤', 3], ['🥳', 2], ['🔥', 1], ['😊', 2], ['🙂', 1], ['😄', 2], ['💯', 2],
  ['😂', 1], ['😆', 1], ['🚀', 2], ['👏', 2], ['✅', 1],
  ['😡', -3], ['🤬', -3], ['😠', -2], ['😩', -2], ['😞', -2], ['😢', -2], ['😭', -2], ['👎', -2], ['💩', -2], ['🙄', -1], ['😤', -2],
]);

/** Turn the next few words around: "not happy", "doesn't work", "never fast". */
export const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'without', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "won't",
  "can't", 'cannot', "couldn't", "shouldn't", 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'wont', 'hardly',
]);

export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.5], ['really', 1.4], ['so', 1.3], ['extremely', 1.8], ['super', 1.5], ['totally', 1.5], ['absolutely', 1.7],
  ['incredibly', 1.7], ['completely', 1.5], ['honestly', 1.2], ['hugely', 1.6], ['way', 1.3], ['massively', 1.6],
  ['slightly', 0.6], ['somewhat', 0.7], ['bit', 0.7], ['little', 0.7],
]);

/** Words after which a positive word is wished for rather than felt: "should be fast", "need this fixed". */
export const DAMPENERS = new Set(['supposed', 'should', 'would', 'hope', 'hoping', 'if', 'expected', 'promised', 'wish', 'need', 'needs', 'until']);
