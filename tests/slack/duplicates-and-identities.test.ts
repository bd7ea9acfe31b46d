import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { actions, feedbackItems, routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, shown, topLevel } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, slashCommand } from './helpers/slack-payloads.js';

let n = 0;
async function liaison(h: SlackHarness, text: string, user = 'U0MAYA') {
  const id = `m${(n += 1)}`;
  await h.command(slashCommand({ command: '/liaison', text, user, channel: 'C0RANDOM', responseUrl: `${h.fake.url}/respond/${id}` }));
  await h.settle();
  return String(h.fake.called('response_url').filter((r) => String(r.url).endsWith(`/${id}`)).at(-1)?.text);
}

describe('duplicates and identities on Slack', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('a second report of the same wish shows "Looks like #1 — merge?", and one click makes them one item', async () => {
    const h = await startSlack();
    await feedbackCarded(h, 'We would love an export to CSV of all our gardens');
    const { productCard } = await feedbackCarded(h, 'Please add a CSV export for the gardens, would love it');
    const card = topLevel(h.fake, 'C0PRODUCT');
    expect(shown(card)).toContain('Looks like #1 — merge?');
    expect(shown(card)).toContain('Merge with #1');

    const value = buttonValue(h.fake, 'C0PRODUCT', 'card:merge:1');
    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: productCard, actionId: 'card:merge:1', value, responseUrl: `${h.fake.url}/respond/click` }));
    await h.settle();
    expect(String(h.fake.called('response_url').at(-1)?.text)).toBe(':link: Merged #2 into #1: one item, 2 voices. Everyone who said it will hear the outcome.');
    expect((await h.ctx.db.select().from(feedbackItems).where(eq(feedbackItems.id, 2)))[0]?.mergedIntoId).toBe(1);
    expect((await h.ctx.db.select().from(routings).where(eq(routings.itemId, 2))).map((r) => r.status)).toEqual(['merged', 'merged']);
    const redrawn = h.fake.called('chat.update').filter((u) => u.ts === productCard).at(-1);
    expect(shown(redrawn)).toContain('Merged');
    expect(shown(redrawn)).not.toContain('Looks like #1');
  });

  it('/liaison merge makes two items one, the older staying', async () => {
    const h = await startSlack();
    await feedbackCarded(h, 'We would love an export to CSV');
    await feedbackCarded(h, 'Export to Excel would be great');
    expect(await liaison(h, 'merge #2 #1')).toBe(':link: Merged #2 into #1: one item, 2 voices. Everyone who said it will hear the outcome.');
    expect(await liaison(h, 'merge #2')).toContain('Usage: /liaison merge');
  });

  it('/liaison link and unlink are for community managers, and land in the ledger', async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    h.fake.users.set('U0CUST', 'Casey (BigCo)');
    // Casey also wrote in through the forum intake, with her e-mail.
    await captureFeedback(h.ctx, { source: { platform: 'webhook', id: 'forum' }, message: { platform: 'webhook', channelId: 'forum', id: 't-1', text: 'The export crashes', postedAt: h.ctx.clock.now() }, author: { platform: 'webhook', id: 'casey@bigco.example', name: 'Casey' }, via: 'webhook' });

    expect(await liaison(h, 'link <@U0CUST> casey@bigco.example', 'U0PRIYA')).toBe(':no_entry: Only community managers can link member identities.');
    expect(await liaison(h, 'link <@U0CUST|casey> casey@bigco.example')).toBe(':link: Linked: Casey (BigCo) (slack), Casey (webhook) are one person now, and their history is one.');
    expect(await liaison(h, 'unlink casey@bigco.example')).toBe(':scissors: Unlinked Casey (webhook): a member of their own again, with what they said.');
    expect(await liaison(h, 'link <@U0CUST> nobody')).toContain('Name a member as a mention, slack:U0123, discord:1234 or an e-mail address');
    const ledger = await h.ctx.db.select().from(actions).where(eq(actions.actorId, 'U0MAYA')).orderBy(actions.id);
    expect(ledger.map((a) => [a.kind, a.via])).toEqual([['link', 'command'], ['unlink', 'command']]);
  });
});
