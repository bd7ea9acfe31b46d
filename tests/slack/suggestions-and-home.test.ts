import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackItems, routings } from '../../src/db/schema/index.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, shown, topLevel } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { useSlackHarness } from './helpers/slack-harness.js';
import { blockAction, eventCallback, messageEvent } from './helpers/slack-payloads.js';

// No rule for BigCo, and Sales as the fallback: an item Liaison cannot place lands in a Slack channel.
const unsureConfig = () => testConfig((c) => {
  c.routing.rules = c.routing.rules?.filter((r) => r.name !== 'bigco is a customer');
  c.routing.fallback = 'sales';
});

describe('unsure cards and the App Home', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('an unsure card offers its suggestions as buttons, and choosing one moves the item to that team', async () => {
    const h = await startSlack({ config: unsureConfig() });
    await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: '1794837540.000100', text: 'Your reporting is interesting' })));
    await h.settle();
    const card = topLevel(h.fake, 'C0SALES');
    expect(shown(card)).toContain('Liaison was not sure this is for Sales');
    const value = buttonValue(h.fake, 'C0SALES', 'card:suggestion:product');
    await h.interaction(blockAction({ user: 'U0LENA', channel: 'C0SALES', messageTs: card.ts, actionId: 'card:suggestion:product', value, responseUrl: `${h.fake.url}/respond/l` }));
    await h.settle();
    expect(h.fake.posts('C0PRODUCT').filter((m) => !m.thread_ts)).toHaveLength(1);
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item?.category).toBe('feature_request');
    const [sales] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'sales'));
    expect(sales?.status).toBe('passed_on');
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('Passed on');
  });

  it('the Home tab shows the viewer\'s teams\' open items, oldest first, with their SLA state', async () => {
    const h = await startSlack();
    await feedbackCarded(h, 'Please add an export feature');
    h.ctx.clock.advance(3 * 86_400_000);
    await feedbackCarded(h, 'We would love SSO, please add it');
    await h.event(eventCallback({ type: 'app_home_opened', user: 'U0PRIYA', channel: 'D0PRIYA', tab: 'home', event_ts: '1795096800.000100' }));
    await h.settle();
    const [publish] = h.fake.called('views.publish');
    expect(publish?.user_id).toBe('U0PRIYA');
    const drawn = shown({ blocks: (publish?.view as { blocks: unknown[] }).blocks });
    expect(drawn).toContain('Product · 2 open · 1 overdue');
    expect(drawn.indexOf('export')).toBeLessThan(drawn.indexOf('SSO'));
    expect(drawn).toContain(':red_circle: overdue');
    expect(drawn).toContain(':large_green_circle: on track');
    expect(drawn).toMatch(/<https:\/\/testco\.slack\.com\/archives\/C0PRODUCT\/p\d+\|#1>/);
    expect(drawn).not.toContain('Sales');
  });

  it('the Home tab tells someone in no team that nothing waits for them', async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    await h.event(eventCallback({ type: 'app_home_opened', user: 'U0NOBODY', channel: 'D0NOBODY', tab: 'home', event_ts: '1795096800.000100' }));
    await h.settle();
    expect(shown({ blocks: (h.fake.called('views.publish')[0]?.view as { blocks: unknown[] }).blocks })).toContain('not in any team');
  });
});
