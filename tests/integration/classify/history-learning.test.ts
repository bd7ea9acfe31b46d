import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ActiveClassifier } from '../../../src/core/classify/active-classifier.js';
import { collectHistoryExamples } from '../../../src/core/classify/collect-history-examples.js';
import { retrainFromHistory } from '../../../src/core/classify/retrain-from-history.js';
import { ManualClock } from '../../../src/core/clock.js';
import { useTestDatabase } from '../../helpers/test-database.js';
import { passOn, recategorize, routedItem, seedOrganisation, undo } from './ledger-factory.js';

const INVOICE_TEXTS = [
  'Our invoice for March lists the wrong company address, can you correct it?',
  'We were invoiced twice for the same month, please refund one of them.',
  'The invoice total does not match the quote we signed.',
  'Can you reissue the last invoice with our VAT number on it?',
  'Invoice 2211 shows 40 seats but we only have 25 on the account.',
];

describe('learning from the ledger', () => {
  const database = useTestDatabase();
  const clock = new ManualClock('2026-03-02T12:00:00Z');
  const silent = pino({ level: 'silent' });

  it('after a few invoices passed from support to sales, a new invoice question is suggested for sales', async () => {
    const { db } = database.current();
    const org = await seedOrganisation(db);
    for (const text of INVOICE_TEXTS) {
      const { itemId } = await routedItem(db, org, text, 'support');
      await passOn(db, itemId, 'support', 'sales');
    }
    const classifier = await ActiveClassifier.load(db, silent);
    const text = 'Hello, the invoice you sent us has the wrong VAT number and billing address';
    expect(classifier.classify(text).teams).toBeUndefined();

    const result = await retrainFromHistory(db, clock);
    expect(result.status).toBe('trained');
    expect(await classifier.refresh(db)).toBe(true);

    const after = classifier.classify(text);
    expect(after.teams?.[0]?.team).toBe('sales');
    expect(after.modelVersion).toMatch(/^trained-\d+$/);
    expect(classifier.classify('The sensor app crashes whenever I open the history tab').teams).toBeUndefined();
  });

  it('learns the category a person corrected an item to', async () => {
    const { db } = database.current();
    const org = await seedOrganisation(db);
    const { itemId } = await routedItem(db, org, 'Our greenhouse controller keeps rebooting every ten minutes', 'support');
    await recategorize(db, itemId, 'question', 'bug');
    const history = await collectHistoryExamples(db);
    expect(history.categories).toEqual([{ text: 'Our greenhouse controller keeps rebooting every ten minutes', category: 'bug' }]);
  });

  it('keeps only where an item ended up after several hand-offs, and forgets undone corrections', async () => {
    const { db } = database.current();
    const org = await seedOrganisation(db);
    const hopped = await routedItem(db, org, 'Can we get a quote for 300 kits?', 'support', 'Bulk order');
    await passOn(db, hopped.itemId, 'support', 'product');
    await passOn(db, hopped.itemId, 'product', 'sales');
    const undone = await routedItem(db, org, 'The app is slow', 'support');
    const mistaken = await passOn(db, undone.itemId, 'support', 'sales');
    await undo(db, undone.itemId, mistaken);
    const categorised = await routedItem(db, org, 'Please add dark mode', 'support');
    await recategorize(db, categorised.itemId, 'question', 'bug');
    await recategorize(db, categorised.itemId, 'bug', 'feature_request');

    const history = await collectHistoryExamples(db);
    expect(history.teams).toEqual([{ text: 'Bulk order\n\nCan we get a quote for 300 kits?', team: 'sales' }]);
    expect(history.categories).toEqual([{ text: 'Please add dark mode', category: 'feature_request' }]);
  });

  it('does not retrain on a schedule when nothing was corrected since the active model', async () => {
    const { db } = database.current();
    const org = await seedOrganisation(db);
    expect(await retrainFromHistory(db, clock)).toEqual({ status: 'skipped', reason: 'no_corrections' });
    const { itemId } = await routedItem(db, org, 'Our invoice is wrong', 'support');
    const first = await passOn(db, itemId, 'support', 'sales');
    expect((await retrainFromHistory(db, clock)).status).toBe('trained');
    expect(await retrainFromHistory(db, clock)).toEqual({ status: 'skipped', reason: 'unchanged' });
    await undo(db, itemId, first);
    expect((await retrainFromHistory(db, clock)).status).toBe('trained');
  });
});
