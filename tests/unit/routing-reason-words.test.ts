import { describe, expect, it } from 'vitest';
import type { RoutingReason } from '../../src/db/schema/routing.js';
import { routingReasonWords } from '../../src/delivery/routing-reason-words.js';
import { planRouting } from '../../src/core/routing/plan-routing.js';
import type { Classification } from '../../src/core/classify/classifier.js';
import { testConfig } from '../helpers/test-config.js';

function classified(category: Classification['category'], confidence: number, extra: Partial<Classification> = {}): Classification {
  return { category, confidence, alternatives: [{ category, confidence }, { category: 'feature_request', confidence: 0.2 }], terms: ['crash', 'garden view'], sentiment: 'neutral', sentimentScore: 0, urgency: 'high', modelVersion: 't', ...extra };
}

describe('the "why here" words of a routing', () => {
  it('names a category rule, the classifier\'s confidence and the words that weighed', () => {
    const reason: RoutingReason = { kind: 'classifier', source: 'category', rule: 'bugs', matched: { category: { category: 'feature_request', confidence: 0.874, terms: ['dark mode', 'please'] } }, terms: ['dark mode', 'please'], confidence: 0.874 };
    expect(routingReasonWords(reason)).toBe('Rule "bugs": classified as feature request (87%) from "dark mode", "please"');
  });

  it('lists every condition of a rule that held, in order, and leaves out the rule name when it has none', () => {
    expect(routingReasonWords({ kind: 'rule', rule: 'money', matched: { mentions: ['pricing', 'enterprise plan'] } })).toBe('Rule "money": mentions "pricing", "enterprise plan"');
    expect(routingReasonWords({ kind: 'rule', matched: { category: { category: 'bug', confidence: 0.9, terms: [] }, mentions: ['crash'], community: 'bigco', urgency: 'urgent' } }))
      .toBe('classified as bug (90%); mentions "crash"; from the bigco community; urgency urgent');
  });

  it('says an item went where earlier hand-offs of similar feedback went, with or without telling words', () => {
    expect(routingReasonWords({ kind: 'classifier', source: 'hand_offs', terms: ['billing portal'], confidence: 0.8 })).toBe('Learned from earlier hand-offs of similar feedback (80%): "billing portal"');
    expect(routingReasonWords({ kind: 'classifier', source: 'hand_offs', terms: [], confidence: 0.55 })).toBe('Learned from earlier hand-offs of similar feedback (55%)');
  });

  it('says which team handled items like it, from the model of the organisation\'s own teams', () => {
    expect(routingReasonWords({ kind: 'classifier', source: 'team_model', team: 'sales', terms: ['invoice'], confidence: 0.7 })).toBe('Like earlier items sales handled: "invoice"');
  });

  it('says chatter and unsure items went to the fallback team, with the best guess', () => {
    expect(routingReasonWords({ kind: 'unsure', guess: { category: 'noise', confidence: 0.95 }, suggestions: [] })).toBe('Reads like chatter (95%), so it went to the fallback team to check');
    expect(routingReasonWords({ kind: 'unsure', guess: { category: 'feature_request', confidence: 0.31 }, suggestions: [] })).toBe('Not sure what this is (best guess feature request at 31%), so it went to the fallback team');
  });

  it('says no rule routes a confident category', () => {
    expect(routingReasonWords({ kind: 'fallback', guess: { category: 'praise', confidence: 0.9 }, terms: ['love'] })).toBe('No rule routes praise, so it went to the fallback team');
  });

  it('says who passed it on, escalated it or sent it by hand, with their note', () => {
    expect(routingReasonWords({ kind: 'pass_on', by: 'Sam', from: 'Support', note: 'Export is a product area' })).toBe('Passed on by Sam from Support: Export is a product area');
    expect(routingReasonWords({ kind: 'pass_on', by: 'Sam', from: 'Support' })).toBe('Passed on by Sam from Support');
    expect(routingReasonWords({ kind: 'escalation', by: 'Maya', note: 'Three customers down' })).toBe('Escalated by Maya: Three customers down');
    expect(routingReasonWords({ kind: 'manual', by: 'Maya', note: 'for the roadmap' })).toBe('Sent here by Maya: for the roadmap');
    expect(routingReasonWords({ kind: 'manual' })).toBe('Sent here by hand');
  });

  it('shows a reason stored by an earlier version, which has only its sentence, as it was stored', () => {
    for (const kind of ['rule', 'classifier', 'unsure', 'fallback', 'pass_on', 'manual', 'escalation'] as const) {
      expect(routingReasonWords({ kind, summary: `An older ${kind} sentence` })).toBe(`An older ${kind} sentence`);
    }
    // Old hand-off reasons carried their confidence too; the words are the same either way.
    expect(routingReasonWords({ kind: 'classifier', source: 'hand_offs', summary: 'Learned from earlier hand-offs of similar feedback (80%)', terms: [], confidence: 0.8 })).toBe('Learned from earlier hand-offs of similar feedback (80%)');
  });

  it('still says something when a reason has neither facts nor sentence', () => {
    expect(routingReasonWords({ kind: 'rule' })).toBe('A routing rule sent it here');
  });

  it('words what the core planned, end to end, the way cards showed it before reasons were facts', () => {
    const config = testConfig();
    const words = (text: string, community: string, classification: Classification) => planRouting(config, { text, community, classification }).map((p) => `${p.team}: ${routingReasonWords(p.reason)}`);
    expect(words('crash on the pricing page', 'bigco', classified('bug', 0.9))).toEqual([
      'support: Rule "bugs and questions": classified as bug (90%) from "crash", "garden view"',
      'sales: Rule "money": mentions "pricing"',
    ]);
    expect(words('hello all', 'makers', classified('noise', 0.62))).toEqual(['support: Reads like chatter (62%), so it went to the fallback team to check']);
    expect(words('hmm', 'makers', classified('bug', 0.3))).toEqual(['support: Not sure what this is (best guess bug at 30%), so it went to the fallback team']);
    expect(words('love it', 'makers', classified('praise', 0.9))).toEqual(['support: No rule routes praise, so it went to the fallback team']);
    expect(words('the portal', 'makers', classified('bug', 0.9, { teams: [{ team: 'sales', confidence: 0.8 }] }))).toEqual(['sales: Learned from earlier hand-offs of similar feedback (80%): "crash", "garden view"']);
  });
});
