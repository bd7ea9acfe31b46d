import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS } from '../../../src/core/classify/tokenize.js';
import { assessUrgency } from '../../../src/core/classify/urgency.js';

describe('urgency', () => {
  it('calls outages critical', () => {
    expect(assessUrgency('Production is down, nothing loads', 'bug')).toBe('critical');
    expect(assessUrgency('Heads up: the API is completely down for everyone', 'bug')).toBe('critical');
    expect(assessUrgency('We are seeing a major outage in the EU region', 'bug')).toBe('critical');
  });

  it('calls an outage critical when a long post only says so after the part the model reads', () => {
    const sentence = 'Some background on our setup before the actual problem. ';
    const preamble = sentence.repeat(Math.ceil(MAX_TEXT_CHARS / sentence.length) + 1);
    expect(preamble.length).toBeGreaterThan(MAX_TEXT_CHARS);
    expect(assessUrgency(`Checkout issue\n${preamble}And now production is down for all of our stores.`, 'bug')).toBe('critical');
  });

  it('calls data loss critical', () => {
    expect(assessUrgency('After the update we lost all our data from last year', 'bug')).toBe('critical');
    expect(assessUrgency('Half of my records were deleted overnight', 'bug')).toBe('critical');
  });

  it('calls security problems critical', () => {
    expect(assessUrgency('I think I found a security vulnerability in the login form', 'bug')).toBe('critical');
    expect(assessUrgency('Your public repo leaked API keys for the staging environment', 'bug')).toBe('critical');
    expect(assessUrgency('Customer API tokens are visible in the page source', 'bug')).toBe('critical');
  });

  it('calls blocked work, deadlines and money at stake high', () => {
    expect(assessUrgency('This is blocking our release, please help', 'bug')).toBe('high');
    expect(assessUrgency('We need the SSO fix by Friday, our deadline is fixed', 'feature_request')).toBe('high');
    expect(assessUrgency('Customers cannot check out, payments are failing', 'bug')).toBe('high');
    expect(assessUrgency("I can't log in to my account", 'bug')).toBe('high');
    expect(assessUrgency('Our renewal is next week and nobody has answered', 'churn_risk')).toBe('high');
  });

  it('keeps an ordinary bug or question normal', () => {
    expect(assessUrgency('The chart tooltip shows the wrong date', 'bug')).toBe('normal');
    expect(assessUrgency('How do I rename a device?', 'question')).toBe('normal');
  });

  it('does not page anyone over a past outage or a description that merely says "immediately"', () => {
    expect(assessUrgency('Disappointed with how the outage was communicated last month', 'complaint')).toBe('normal');
    expect(assessUrgency('The invite link expires immediately after I create it', 'bug')).toBe('normal');
  });

  it('takes "not urgent", cosmetic issues, chatter and praise as low', () => {
    expect(assessUrgency('Not urgent, but the footer has a typo', 'bug')).toBe('low');
    expect(assessUrgency('Minor cosmetic thing: the icon is blurry', 'bug')).toBe('low');
    expect(assessUrgency('gm everyone, need coffee right now', 'noise')).toBe('low');
    expect(assessUrgency('Love the new release', 'praise')).toBe('low');
  });

  it('still raises a critical phrase when the category looks harmless', () => {
    expect(assessUrgency('lol the whole site is down', 'noise')).toBe('critical');
  });
});
