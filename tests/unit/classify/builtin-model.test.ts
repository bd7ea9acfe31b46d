import { describe, expect, it } from 'vitest';
import { builtinClassifier } from '../../../src/core/classify/builtin-model.js';
import { builtinExamples } from '../../../src/core/classify/examples/index.js';
import { CATEGORIES } from '../../../src/config/schema.js';
import { HELD_OUT_CHATTER, HELD_OUT_FEEDBACK, TERSE_REPORTS, USAGE_QUESTIONS } from './held-out-examples.js';

describe('the built-in model', () => {
  const classifier = builtinClassifier();

  it('has several dozen examples of every category, chatter included', () => {
    const examples = builtinExamples();
    for (const category of CATEGORIES) expect(examples.filter((e) => e.category === category).length).toBeGreaterThanOrEqual(50);
  });

  it('is tested on texts it was not trained on', () => {
    const training = new Set(builtinExamples().map((e) => e.text.toLowerCase()));
    const heldOut = [...HELD_OUT_CHATTER, ...Object.values(HELD_OUT_FEEDBACK).flat(), ...TERSE_REPORTS, ...USAGE_QUESTIONS];
    expect(heldOut.filter((text) => training.has(text.toLowerCase()))).toEqual([]);
  });

  it('recognises greetings, thanks, jokes and off-topic chatter it has never seen as noise', () => {
    const missed = HELD_OUT_CHATTER.filter((text) => classifier.classify(text).category !== 'noise');
    // At least 90% of unseen chatter; the misses are listed when this fails.
    expect(missed.length, `not recognised as noise: ${missed.join(' | ')}`).toBeLessThanOrEqual(3);
  });

  it('never mistakes unseen product feedback for chatter', () => {
    const asNoise = Object.values(HELD_OUT_FEEDBACK)
      .flat()
      .filter((text) => classifier.classify(text).category === 'noise');
    expect(asNoise).toEqual([]);
  });

  it('takes a terse outage report for a report, never for chatter', () => {
    const asChatter = TERSE_REPORTS.filter((text) => {
      const result = builtinClassifier().classify(text);
      return result.category === 'noise' || result.outOfScope?.confident;
    });
    expect(asChatter).toEqual([]);
  });

  it('recognises usage questions as questions', () => {
    const others = USAGE_QUESTIONS.filter((text) => classifier.classify(text).category !== 'question');
    expect(others).toEqual([]);
  });

  it('does not let six mentions turn a bug report into chatter', () => {
    const report = 'the upload button throws an error since the update';
    const slack = classifier.classify(`<@U01AAAA> <@U02BBBB> <@U03CCCC> <@U04DDDD> <@U05EEEE> <@U06FFFF> ${report}`);
    const discord = classifier.classify(`<@111111111111111111> <@!222222222222222222> <@&333333333333333333> <@444444444444444444> <@555555555555555555> <@666666666666666666> ${report}`);
    const plain = classifier.classify(report);
    for (const result of [slack, discord]) {
      expect(result.category).toBe('bug');
      expect(result.outOfScope?.confident).toBe(false);
      expect(result.confidence).toBeCloseTo(plain.confidence, 1);
    }
  });

  it('gets most unseen feedback into the right category', () => {
    const cases = Object.entries(HELD_OUT_FEEDBACK).flatMap(([category, texts]) => texts.map((text) => ({ category, text })));
    const wrong = cases.filter(({ category, text }) => classifier.classify(text).category !== category);
    expect(wrong.length, wrong.map((w) => w.text).join(' | ')).toBeLessThanOrEqual(3);
  });

  it('explains a category with words from the text', () => {
    const text = 'Please add a dark mode option to the mobile app';
    const result = classifier.classify(text);
    expect(result.category).toBe('feature_request');
    expect(result.terms.length).toBeGreaterThan(0);
    for (const term of result.terms) expect(text.toLowerCase()).toContain(term);
  });

  it('ranks every category with confidences that sum to one, the chosen one first', () => {
    const result = classifier.classify('The export button crashes the app');
    expect(result.alternatives.map((a) => a.category).sort()).toEqual([...CATEGORIES].sort());
    expect(result.alternatives[0]).toEqual({ category: result.category, confidence: result.confidence });
    const total = result.alternatives.reduce((sum, a) => sum + a.confidence, 0);
    expect(total).toBeCloseTo(1, 2);
    expect(result.modelVersion).toMatch(/^builtin-[0-9a-f]{8}$/);
    expect(result.teams).toBeUndefined();
  });

  it('gives tone and urgency alongside the category', () => {
    const outage = classifier.classify('Production is down for all our customers and we are losing orders!');
    expect(outage.urgency).toBe('critical');
    expect(outage.sentiment).toBe('negative');
    const thanks = classifier.classify('Thanks so much, you are all amazing');
    expect(thanks.urgency).toBe('low');
    expect(thanks.sentiment).toBe('positive');
  });

  it('copes with empty, huge and odd input', () => {
    expect(classifier.classify('').category).toBeDefined();
    const huge = `Crash report\n\n${'at Object.<anonymous> (index.js:1:1)\n'.repeat(20_000)}`;
    expect(classifier.classify(huge).alternatives).toHaveLength(CATEGORIES.length);
    expect(classifier.classify('\u0000\u0001 ``` unterminated code').category).toBeDefined();
  });
});
