import { describe, expect, it } from 'vitest';
import { builtinClassifier } from '../../../src/core/classify/builtin-model.js';
import { isTellingWord } from '../../../src/core/classify/filler-words.js';
import { tokenize } from '../../../src/core/classify/tokenize.js';

describe('the words a card gives as the reason', () => {
  const classifier = builtinClassifier();
  const texts = [
    'Every time since the update one of the sensors stops sending data',
    'This is the second time this week that the export has failed for one of our 12 stores',
    'Hey <@U04ABCD1234>, since yesterday every sync fails at 95% with error 0x8007',
    'Please add a dark mode option to the mobile app',
    'We are a team of 80 looking for a quote on the business plan',
    'Time after time, every single order since Monday shows the wrong total',
  ];

  it('never cites filler words, user ids or numbers', () => {
    for (const text of texts) {
      const { terms } = classifier.classify(text);
      for (const word of terms.flatMap((term) => term.split(' '))) {
        expect(['time', 'every', 'since', 'one', 'the', 'this', 'week', '12', 'u04abcd1234', 'xmention', 'xnum']).not.toContain(word);
        expect(word).not.toMatch(/\d/);
      }
    }
  });

  it('gives at most three words or phrases, each from the text', () => {
    for (const text of texts) {
      const { terms } = classifier.classify(text);
      expect(terms.length).toBeLessThanOrEqual(3);
      for (const term of terms) expect(tokenize(text).join(' ')).toContain(term);
    }
  });

  it('joins telling words that stand together into a phrase', () => {
    expect(classifier.classify('Please add a dark mode option to the mobile app').terms).toContain('dark mode option');
    expect(classifier.classify('We are a team of 80 looking for a quote on the business plan').terms).toContain('business plan');
  });

  it('treats grammar, time and quantity as filler and topic words as telling', () => {
    for (const word of ['time', 'every', 'since', 'one', 'please', 'again', '2024', 'u0123abc']) expect(isTellingWord(word)).toBe(false);
    for (const word of ['export', 'crashes', 'invoice', 'offline', 'down']) expect(isTellingWord(word)).toBe(true);
  });
});
