import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, extractFeatures, FeatureBuffer } from '../../../src/core/classify/features.js';
import { seededRandom } from '../../../src/core/classify/random.js';
import { documentTokens } from '../../../src/core/classify/tokenize.js';

/** Texts of made-up words, a few common ones among many rare ones, so that the cache both hits and runs full. */
function texts(count: number): string[] {
  const random = seededRandom(3);
  const letters = 'abcdefghijklmnopqrstuvwxyzé';
  const word = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => letters[Math.floor(random() * letters.length)]).join('');
  const common = Array.from({ length: 50 }, word);
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 5 + (i % 60) }, () => (random() < 0.5 ? common[Math.floor(random() * common.length)] : word()));
    if (i % 7 === 0) words.push('x'.repeat(60));
    return `${words.slice(0, 4).join(' ')}\n${words.join(' ')}`;
  });
}

const snapshot = (buffer: FeatureBuffer) => ({
  slot: [...buffer.slot.subarray(0, buffer.length)],
  weight: [...buffer.weight.subarray(0, buffer.length)],
  token: [...buffer.token.subarray(0, buffer.length)],
});

describe('the word-slot cache', () => {
  it('gives every text the features a fresh extraction gives, also after it has filled up and aged', () => {
    const warm = new FeatureBuffer();
    // About 40,000 distinct words: several generations of the cache come and go.
    for (const text of texts(1500)) {
      const document = documentTokens(text, true);
      const fresh = new FeatureBuffer();
      extractFeatures(document, DEFAULT_FEATURES, fresh);
      extractFeatures(document, DEFAULT_FEATURES, warm);
      expect(snapshot(warm)).toEqual(snapshot(fresh));
    }
  });

  it('starts over when the same buffer is used with other feature options', () => {
    const buffer = new FeatureBuffer();
    const document = documentTokens('Export crashes\nthe export crashes every time', true);
    extractFeatures(document, DEFAULT_FEATURES, buffer);
    const fewerBits = { ...DEFAULT_FEATURES, bits: 12 };
    const fresh = new FeatureBuffer();
    extractFeatures(document, fewerBits, fresh);
    extractFeatures(document, fewerBits, buffer);
    expect(snapshot(buffer)).toEqual(snapshot(fresh));
  });
});
