import { describe, expect, it } from 'vitest';
import type { Classification } from '../../../src/core/classify/classifier.js';
import { trainClassifier } from '../../../src/core/classify/train-classifier.js';
import { ModelClassifier } from '../../../src/core/classify/model-classifier.js';
import { planRouting } from '../../../src/core/routing/plan-routing.js';
import { testConfig } from '../../helpers/test-config.js';

/** An exported helpdesk history: which of the organisation's teams handled what. Written for this test. */
const HISTORY = [
  ...['The invoice total is wrong', 'Please resend last month\'s invoice', 'We were charged twice this month', 'Can I get a refund for the unused seats?', 'Our card was declined at renewal', 'Invoice address needs to change', 'Why did the price on my bill go up?', 'Billing shows the old plan'].map((text) => ({ text, team: 'sales' })),
  ...['The hub does not turn on', 'Sensor readings jump around', 'The probe shows 0% moisture in wet soil', 'Battery drains in two days', 'The device keeps disconnecting from wifi', 'Hub LED blinks red', 'Pairing the sensor fails', 'The valve does not open on schedule'].map((text) => ({ text, team: 'support' })),
  ...['Please add a dark mode', 'A calendar view would help', 'Export to Excel would be great', 'Could the app support widgets?', 'Add keyboard shortcuts please', 'I wish the dashboard had charts per bed', 'Support for more languages please', 'Let us name our sensors'].map((text) => ({ text, team: 'product' })),
];

function classified(text: string): Classification {
  const { model } = trainClassifier({ teamHistory: { column: 'team', examples: HISTORY } }, { crossValidate: false });
  return new ModelClassifier(model, 'test').classify(text);
}

describe('routing to the teams learnt from an exported history', () => {
  const config = testConfig();

  it('routes to the learnt team when no rule of the config matched, and says why with the telling words', () => {
    const classification = classified('the sensor readings jump and the battery drains');
    expect(classification.learnedTeam?.team).toBe('support');
    const plan = planRouting(config, { text: 'the sensor readings jump and the battery drains', community: 'makers', classification });
    expect(plan).toHaveLength(1);
    expect(plan[0]?.team).toBe('support');
    expect(plan[0]?.reason).toMatchObject({ kind: 'classifier', source: 'team_model', confidence: classification.learnedTeam?.confidence });
    expect(plan[0]?.reason.terms?.length).toBeGreaterThan(0);
  });

  it('comes after the config\'s own rules: a keyword rule still decides', () => {
    const text = 'the sensor readings jump, and we need a quote for more';
    const plan = planRouting(config, { text, community: 'makers', classification: classified(text) });
    expect(plan.map((p) => p.team)).toEqual(['sales']);
    expect(plan[0]?.reason.kind).toBe('rule');
  });

  it('is not used for a team the config does not have', () => {
    const classification: Classification = { ...classified('Please add a dark mode'), learnedTeam: { team: 'marketing', confidence: 0.99, terms: ['dark mode'] } };
    const plan = planRouting(config, { text: 'Please add a dark mode', community: 'makers', classification });
    expect(plan.map((p) => p.reason.source)).not.toContain('team_model');
  });
});
