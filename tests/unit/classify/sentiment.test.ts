import { describe, expect, it } from 'vitest';
import { analyseSentiment } from '../../../src/core/classify/sentiment.js';

describe('sentiment', () => {
  it('reads praise as positive and anger as negative', () => {
    expect(analyseSentiment('I love the new dashboard, great work!').sentiment).toBe('positive');
    expect(analyseSentiment('This update is terrible, the app is unusable and I am frustrated').sentiment).toBe('negative');
  });

  it('leaves plain questions and requests neutral', () => {
    expect(analyseSentiment('How do I change the reporting interval?')).toEqual({ sentiment: 'neutral', score: 0 });
    expect(analyseSentiment('Please add an export to Excel').sentiment).toBe('neutral');
  });

  it('turns a negated word around', () => {
    expect(analyseSentiment('I am not happy with the new pricing').sentiment).toBe('negative');
    expect(analyseSentiment("Honestly it doesn't crash anymore, not bad at all").score).toBeGreaterThan(0);
  });

  it('scores intensified and exclaimed feelings further from zero', () => {
    const plain = analyseSentiment('The app is slow').score;
    const strong = analyseSentiment('The app is extremely slow!!').score;
    expect(strong).toBeLessThan(plain);
    expect(plain).toBeLessThan(0);
  });

  it('reads emoji', () => {
    expect(analyseSentiment('new widgets 😍🎉').sentiment).toBe('positive');
    expect(analyseSentiment('update again 😡').sentiment).toBe('negative');
  });

  it('keeps the score between -1 and 1 however long the rant', () => {
    const rant = analyseSentiment('awful terrible broken useless '.repeat(200)).score;
    const gush = analyseSentiment('amazing fantastic perfect '.repeat(200)).score;
    expect(rant).toBeGreaterThanOrEqual(-1);
    expect(rant).toBeLessThan(-0.9);
    expect(gush).toBeLessThanOrEqual(1);
    expect(gush).toBeGreaterThan(0.9);
  });
});
