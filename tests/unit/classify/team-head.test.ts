import { describe, expect, it } from 'vitest';
import { builtinExamples } from '../../../src/core/classify/examples/index.js';
import { predictTeams, trainTeamHead } from '../../../src/core/classify/team-head.js';

const background = builtinExamples().map((e) => e.text);
const invoices = [
  'Our invoice for March lists the wrong company address, can you correct it?',
  'We were invoiced twice for the same month, please refund one of them.',
  'The invoice total does not match the quote we signed.',
  'Can you reissue last invoice with our VAT number on it?',
  'Invoice INV-2211 shows 40 seats but we only have 25.',
].map((text) => ({ text, team: 'sales' }));

describe('the team head', () => {
  it('learns a team from a handful of hand-offs and suggests it for a similar new text', () => {
    const head = trainTeamHead(invoices, background);
    const teams = predictTeams(head!, 'Hi, the invoice you sent has the wrong billing address and VAT number');
    expect(teams?.[0]?.team).toBe('sales');
    expect(teams?.[0]?.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('has no opinion about unrelated feedback', () => {
    const head = trainTeamHead(invoices, background);
    expect(predictTeams(head!, 'The app crashes when I open the settings page')).toBeUndefined();
    expect(predictTeams(head!, 'gm everyone')).toBeUndefined();
  });

  it('does not learn a team from fewer than three corrections', () => {
    expect(trainTeamHead(invoices.slice(0, 2), background)).toBeUndefined();
    const head = trainTeamHead([...invoices, { text: 'The sensor app crashes', team: 'product' }], background);
    expect(head?.model.labels).toEqual(['_other', 'sales']);
  });
});
