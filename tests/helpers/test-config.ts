import { LiaisonConfig, type LiaisonConfigInput } from '../../src/config/schema.js';

/** A small organisation for tests: three teams on two platforms, three communities. */
export const TEST_CONFIG_INPUT: LiaisonConfigInput = {
  organisation: { name: 'Testco' },
  timezone: 'America/New_York',
  teams: {
    product: { name: 'Product', home: { slack: 'C0PRODUCT' }, members: { slackUserGroup: 'S0PROD', users: [{ console: 'priya' }] }, oncall: { slackUserGroup: 'S0PRODONCALL' }, sla: { acknowledge: '2d', resolve: '30d' } },
    sales: { name: 'Sales', home: { slack: 'C0SALES' }, members: { slackUserGroup: 'S0SALES', users: [{ console: 'lena' }] }, sla: { acknowledge: '4h' } },
    support: { name: 'Support', home: { discord: '1203' }, members: { discordRole: '7781', users: [{ console: 'sam' }] }, oncall: { discordRole: '7782' }, sla: { acknowledge: '1h', resolve: '2d' } },
  },
  communities: {
    makers: { name: 'Makers Discord', ambassador: { slack: 'U0AMBER' }, sources: [{ discord: { guild: '1100', channels: ['1101'], forums: ['1102'] } }] },
    bigco: { name: 'BigCo', sources: [{ slack: { channels: ['C0BIGCO'] } }] },
    forum: { name: 'Forum', sources: [{ webhook: { key: 'forum', secret: 'a-test-secret-of-some-length' } }] },
  },
  routing: {
    rules: [
      { name: 'bugs and questions', when: { category: ['bug', 'question'] }, route: ['support'] },
      { name: 'ideas', when: { category: ['feature_request'] }, route: ['product'] },
      { name: 'money', when: { keywords: ['pricing', 'quote', 'invoice', 'enterprise plan'] }, route: ['sales'] },
      { name: 'bigco is a customer', when: { community: 'bigco' }, route: ['sales'] },
    ],
    fallback: 'support',
  },
  // No grace period, so a reply is sent at once; tests of the grace period set their own.
  closeTheLoop: { onResolved: 'reply', onDeclined: 'reply', onAcknowledged: 'none', grace: '0m' },
  roles: { communityManagers: { slackUserGroup: 'S0CM', discordRole: '7790', users: [{ console: 'maya' }] }, leadership: { slackUserGroup: 'S0LEAD', users: [{ console: 'lee' }] } },
  digests: { leadership: { home: { slack: 'C0LEADERS' } }, teams: {} },
};

export function testConfig(patch: (input: LiaisonConfigInput) => void = () => {}): LiaisonConfig {
  const input = structuredClone(TEST_CONFIG_INPUT);
  patch(input);
  return LiaisonConfig.parse(input);
}
