import { describe, expect, it } from 'vitest';
import { containsPhrase, planRouting } from '../../src/core/routing/plan-routing.js';
import { routingReasonWords } from '../../src/delivery/routing-reason-words.js';
import type { Classification } from '../../src/core/classify/classifier.js';
import { testConfig } from '../helpers/test-config.js';

function classified(category: Classification['category'], confidence: number, extra: Partial<Classification> = {}): Classification {
  return { category, confidence, alternatives: [{ category, confidence }, { category: 'feature_request', confidence: 0.2 }, { category: 'question', confidence: 0.1 }], terms: ['crash'], sentiment: 'neutral', sentimentScore: 0, urgency: 'normal', modelVersion: 't', ...extra };
}

describe('planning where an item goes', () => {
  const config = testConfig();

  it('follows a confident category rule and says which words weighed', () => {
    const plan = planRouting(config, { text: 'it crashes', community: 'makers', classification: classified('bug', 0.9) });
    expect(plan).toEqual([{ team: 'support', reason: expect.objectContaining({ kind: 'classifier', rule: 'bugs and questions', terms: ['crash'] }) }]);
    expect(plan[0]?.reason.matched).toEqual({ category: { category: 'bug', confidence: 0.9, terms: ['crash'] } });
    expect(plan[0] && routingReasonWords(plan[0].reason)).toBe('Rule "bugs and questions": classified as bug (90%) from "crash"');
  });

  it('adds every team whose rule matches, each once', () => {
    const plan = planRouting(config, { text: 'crash on the pricing page', community: 'bigco', classification: classified('bug', 0.9) });
    expect(plan.map((p) => p.team)).toEqual(['support', 'sales']);
  });

  it('stops at a rule marked stop', () => {
    const stopping = testConfig((c) => { c.routing!.rules![0] = { ...c.routing!.rules![0]!, stop: true }; });
    expect(planRouting(stopping, { text: 'crash on the pricing page', community: 'bigco', classification: classified('bug', 0.9) }).map((p) => p.team)).toEqual(['support']);
  });

  it('ignores category rules when unsure, and suggests the two best teams', () => {
    const plan = planRouting(config, { text: 'hmm', community: 'makers', classification: classified('bug', 0.3) });
    expect(plan).toEqual([{ team: 'support', reason: expect.objectContaining({ kind: 'unsure', suggestions: [{ team: 'support', category: 'bug', confidence: 0.3 }, { team: 'product', category: 'feature_request', confidence: 0.2 }] }) }]);
  });

  it('takes the model\'s calibrated verdict on being unsure when the config sets no threshold', () => {
    const unsure = planRouting(config, { text: 'it crashes', community: 'makers', classification: classified('bug', 0.9, { unsure: true }) });
    expect(unsure[0]?.reason.kind).toBe('unsure');
    const sure = planRouting(config, { text: 'it crashes', community: 'makers', classification: classified('bug', 0.4, { unsure: false }) });
    expect(sure[0]?.reason.kind).toBe('classifier');
  });

  it('lets the config\'s minConfidence overrule the model\'s calibrated verdict', () => {
    const strict = testConfig((c) => { c.routing!.minConfidence = 0.95; });
    expect(planRouting(strict, { text: 'it crashes', community: 'makers', classification: classified('bug', 0.9, { unsure: false }) })[0]?.reason.kind).toBe('unsure');
  });

  it('falls back when confident about a category no rule covers', () => {
    expect(planRouting(config, { text: 'love it', community: 'makers', classification: classified('praise', 0.9) })[0]?.reason.kind).toBe('fallback');
  });

  it('matches keywords as whole words or phrases, whatever the case', () => {
    expect(containsPhrase('Any Quote?', 'quote')).toBe(true);
    expect(containsPhrase('misquoted', 'quote')).toBe(false);
    expect(containsPhrase('the Enterprise\nplan please', 'enterprise plan')).toBe(true);
    expect(containsPhrase('price (quote) needed', 'quote')).toBe(true);
  });
});
