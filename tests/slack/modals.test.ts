import { routingReasonWords } from '../../src/delivery/routing-reason-words.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { routings } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { buttonValue, shown, topLevel } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { blockAction, messageShortcut, viewSubmission } from './helpers/slack-payloads.js';

const respond = (h: SlackHarness, id: string) => `${h.fake.url}/respond/${id}`;
const openedView = (h: SlackHarness) => h.fake.called('views.open').at(-1)?.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { options?: { text: { text: string }; value: string }[] } }[] } | undefined;

describe('Slack modals', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('Decline asks a product member for a reason, and the reason reaches the card, its thread and the author', async () => {
    const h = await startSlack();
    const { productCard, originalTs } = await feedbackCarded(h);
    await h.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: productCard, actionId: 'card:decline', value: buttonValue(h.fake, 'C0PRODUCT', 'card:decline'), responseUrl: respond(h, 'p') }));
    await h.settle();
    const view = openedView(h);
    expect(view?.callback_id).toBe('liaison:decline');
    await h.interaction(viewSubmission({ user: 'U0PRIYA', callbackId: 'liaison:decline', privateMetadata: view?.private_metadata ?? '', values: { reason: 'Not on our roadmap this year' } }));
    await h.settle();
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('(Product) declined this: Not on our roadmap this year');
    expect(h.fake.posts('C0PRODUCT').some((m) => m.thread_ts === productCard && shown(m).includes('Not on our roadmap'))).toBe(true);
    const reply = h.fake.posts('C0BIGCO').find((m) => m.thread_ts === originalTs);
    expect(shown(reply)).toContain("won't act on it for now: Not on our roadmap this year");
  });

  it('Decline by someone outside the team is refused before any form opens', async () => {
    const h = await startSlack();
    const { productCard } = await feedbackCarded(h);
    await h.interaction(blockAction({ user: 'U0LENA', channel: 'C0PRODUCT', messageTs: productCard, actionId: 'card:decline', value: buttonValue(h.fake, 'C0PRODUCT', 'card:decline'), responseUrl: respond(h, 'lena') }));
    await h.settle();
    expect(h.fake.called('views.open')).toEqual([]);
    expect(String(h.fake.called('response_url')[0]?.text)).toContain('Only members of Product can decline this');
  });

  it('Pass on offers the other teams (not the card\'s own), hands the item to the chosen one with the note, and a second submit does nothing more', async () => {
    const h = await startSlack();
    const { salesCard } = await feedbackCarded(h);
    await h.interaction(blockAction({ user: 'U0LENA', channel: 'C0SALES', messageTs: salesCard, actionId: 'card:pass_on', value: buttonValue(h.fake, 'C0SALES', 'card:pass_on'), responseUrl: respond(h, 'l') }));
    await h.settle();
    const view = openedView(h);
    expect(view?.callback_id).toBe('liaison:pass_on');
    expect(view?.blocks.find((b) => b.block_id === 'team')?.element?.options?.map((o) => o.text.text)).toEqual(['Product', 'Support']);
    const submit = viewSubmission({ user: 'U0LENA', callbackId: 'liaison:pass_on', privateMetadata: view?.private_metadata ?? '', values: { team: 'support', note: 'Looks like a bug report' }, viewId: 'V0PASS' });
    await h.interaction(submit);
    await h.interaction(submit);
    await h.settle();
    const [support] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'support'));
    expect(support && routingReasonWords(support.reason)).toContain('Looks like a bug report');
    expect(h.others.kinds().filter((k) => k === 'card')).toHaveLength(1);
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('(Sales) passed this to Support');
  });

  it('"Send to Liaison" opens a form, and its submit sends the message to the team chosen', async () => {
    const h = await startSlack();
    h.fake.messages.set('C0RANDOM:1794837800.000100', { text: 'Our Makers told me they want dark mode', user: 'U0SOMEONE' });
    await h.interaction(messageShortcut({ user: 'U0MAYA', channel: 'C0RANDOM', ts: '1794837800.000100', text: 'Our Makers told me they want dark mode', author: 'U0SOMEONE', responseUrl: respond(h, 'maya') }));
    await h.settle();
    const view = openedView(h);
    expect(view?.callback_id).toBe('liaison:capture');
    expect(view?.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['community', 'team', 'category', 'note']);
    await h.interaction(viewSubmission({ user: 'U0MAYA', callbackId: 'liaison:capture', privateMetadata: view?.private_metadata ?? '', values: { community: 'makers', team: 'product', category: 'feature_request', note: 'Third time this month' } }));
    await h.settle();
    const card = topLevel(h.fake, 'C0PRODUCT');
    expect(shown(card)).toContain('Sent here by u0maya: Third time this month');
    expect(shown(card)).toContain('Makers Discord');
    expect(String(h.fake.called('chat.postEphemeral').at(-1)?.text)).toContain('sent to Product');
  });

  it('an escalation form with an item that is neither a number nor a link points at that field', async () => {
    const h = await startSlack();
    const response = await h.interaction(viewSubmission({ user: 'U0MAYA', callbackId: 'liaison:escalate', privateMetadata: '{"channel":"C0RANDOM"}', values: { item: 'the one from yesterday', priority: 'high', reason: 'Customer is angry' } }));
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { item: 'Give an item number such as #42, or a link to the message.' } });
  });
});
