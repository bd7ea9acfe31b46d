import { describe, expect, it } from 'vitest';
import { hashPaddedGram, hashPair, hashString, SEED_BIGRAM, SEED_CHAR, SEED_HEADLINE_CHAR, SEED_WORD } from '../../../src/core/classify/feature-hashes.js';

describe('feature hashes', () => {
  it('hash a word pair as the string "first second" would, without building it', () => {
    expect(hashPair('export', 'crashes', SEED_BIGRAM)).toBe(hashString('export crashes', SEED_BIGRAM));
    expect(hashPair('^', '^how', SEED_BIGRAM)).toBe(hashString('^ ^how', SEED_BIGRAM));
  });

  it('hash every character n-gram of a padded word as the padded string would, also for a headline word', () => {
    for (const [word, from, seed] of [['crash', 0, SEED_CHAR], ['^crash', 1, SEED_HEADLINE_CHAR]] as const) {
      const padded = `<${word.slice(from)}>`;
      for (let size = 2; size <= 4; size += 1) {
        for (let at = 0; at + size <= padded.length; at += 1) {
          expect(hashPaddedGram(word, from, seed + size, at, size)).toBe(hashString(padded, seed + size, at, at + size));
        }
      }
    }
  });

  it('keep the slots models were stored with', () => {
    // Values of the hashes every stored model was trained with: a change here would silently scramble their features.
    expect([hashString('crash', SEED_WORD), hashString('export crashes', SEED_BIGRAM), hashString('<cr', SEED_CHAR + 3)]).toEqual([1977711185, 580657905, 3231615382]);
  });
});
