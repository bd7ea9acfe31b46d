import { describe, expect, it } from 'vitest';
import { captureSentence } from '../../src/delivery/capture-words.js';

const team = (id: string) => id[0]?.toUpperCase() + id.slice(1);

describe('what the person who captured something is told', () => {
  it('names every team it went to, in a natural list', () => {
    const routings = (teams: string[]) => ({ status: 'created' as const, itemId: 12, routings: teams.map((t, i) => ({ id: i, team: t })) });
    expect(captureSentence(routings(['support']), { team })).toBe('Captured as #12 and sent to Support.');
    expect(captureSentence(routings(['product', 'sales']), { team })).toBe('Captured as #12 and sent to Product and Sales.');
    expect(captureSentence(routings(['product', 'sales', 'support']), { team, number: (id) => `**#${id}**` })).toBe('Captured as **#12** and sent to Product, Sales and Support.');
    expect(captureSentence(routings([]), { team })).toBe('Captured as #12, but no team has it yet.');
  });

  it('says when Liaison already had it, or skipped it as chatter', () => {
    expect(captureSentence({ status: 'duplicate', itemId: 4 }, { team })).toBe('Liaison already has this as #4.');
    expect(captureSentence({ status: 'ignored', reason: 'noise' }, { team })).toBe('This reads like chatter, so it was not captured.');
  });
});
