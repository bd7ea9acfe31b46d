import { describe, expect, it } from 'vitest';
import { mayDo, maySeeItem, requirePermission, visibleTeams, webRefusal, whyNot } from '../../src/core/access-rules.js';
import { person } from '../helpers/test-context.js';
import { testConfig } from '../helpers/test-config.js';
import { refusalOf } from '../helpers/refusal.js';
import type { PermissionRefusal } from '../../src/core/errors.js';
import { permissionWords } from '../../src/delivery/error-words.js';

const config = testConfig();
const sam = person(config, 'sam'); // Support
const lena = person(config, 'lena'); // Sales
const maya = person(config, 'maya'); // community manager
const lee = person(config, 'lee'); // leadership
const outsider = person(config, 'outsider');
const said = (refusal: PermissionRefusal | undefined) => (refusal ? permissionWords(refusal) : undefined);

describe('who may see and do what', () => {
  it('lets a team member act on their team’s routing and tells anyone else whose it is', async () => {
    expect(mayDo(config, sam, { kind: 'routing_action', action: 'resolve', team: 'support' })).toBe(true);
    expect(said(whyNot(config, lena, { kind: 'routing_action', action: 'resolve', team: 'support' }))).toBe('Only members of Support can resolve this.');
    expect(await refusalOf(() => requirePermission(config, lena, { kind: 'routing_action', action: 'own', team: 'support' }))).toMatchObject({ code: 'not_permitted', reason: 'not_team_member', words: 'Only members of Support can take this.', details: { team: 'support' } });
  });

  it('keeps leadership read-only: every item visible, no action allowed', () => {
    expect(maySeeItem(lee, ['support'])).toBe(true);
    expect(visibleTeams(lee)).toBe('all');
    expect(mayDo(config, lee, { kind: 'routing_action', action: 'acknowledge', team: 'support' })).toBe(false);
    expect(mayDo(config, lee, { kind: 'escalate' })).toBe(false);
    expect(mayDo(config, lee, { kind: 'link_identities' })).toBe(false);
    expect(webRefusal(lee)).toBeUndefined();
  });

  it('shows a team member only the items routed to their teams', () => {
    expect(maySeeItem(lena, ['sales', 'product'])).toBe(true);
    expect(maySeeItem(lena, ['support'])).toBe(false);
    expect(visibleTeams(lena)).toEqual(['sales']);
  });

  it('lets community managers escalate, capture, link and reopen, but not resolve for a team', () => {
    for (const kind of ['escalate', 'capture_by_hand', 'link_identities', 'unlink_identity'] as const) expect(mayDo(config, maya, { kind })).toBe(true);
    expect(mayDo(config, maya, { kind: 'routing_action', action: 'reopen', team: 'support' })).toBe(true);
    expect(mayDo(config, maya, { kind: 'routing_action', action: 'resolve', team: 'support' })).toBe(false);
    expect(said(whyNot(config, sam, { kind: 'escalate' }))).toBe('Only community managers can escalate.');
  });

  it('lets a team merge only duplicates that all reached it', () => {
    const items = [{ id: 4, teams: ['support'] }, { id: 9, teams: ['support', 'sales'] }];
    expect(mayDo(config, sam, { kind: 'merge', items })).toBe(true);
    expect(said(whyNot(config, lena, { kind: 'merge', items }))).toBe('Only community managers, or members of a team that has all of them, can merge #4 and #9.');
  });

  it('lets anyone act when the config opens routings to everyone, and refuses the web app to people with no role', () => {
    const open = testConfig((c) => { c.permissions = { teamMembersOnly: false }; });
    expect(mayDo(open, lena, { kind: 'snooze', team: 'support' })).toBe(true);
    expect(webRefusal(outsider)).toBe('no_role');
    expect(maySeeItem(outsider, ['support'])).toBe(false);
  });
});
