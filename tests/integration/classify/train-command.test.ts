import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerEvaluateCommand } from '../../../src/cli/evaluate.js';
import { registerTrainCommand } from '../../../src/cli/train.js';
import { builtinExamples } from '../../../src/core/classify/examples/index.js';
import { classifierModels } from '../../../src/db/schema/index.js';
import { useTestDatabase } from '../../helpers/test-database.js';
import { passOn, routedItem, seedOrganisation } from './ledger-factory.js';

const ROWS: [string, string, string][] = [
  ['App crashes on launch', 'Since 2.3 the app closes right after the splash screen.', 'bug'],
  ['Sync broken', 'Readings stopped syncing yesterday, the app shows an error.', 'bug'],
  ['Login loop', 'After entering my password I land on the login page again.', 'bug'],
  ['Export fails', 'Exporting to CSV gives a 500 error.', 'bug'],
  ['Wrong totals', 'The weekly total counts every reading twice.', 'bug'],
  ['Charts blank', 'The history chart is empty although there is data.', 'bug'],
  ['Dark mode', 'Please add a dark theme to the dashboard.', 'feature'],
  ['Excel export', 'It would be great to export reports to Excel.', 'feature'],
  ['Shortcuts', 'Could you add keyboard shortcuts for common actions?', 'feature'],
  ['Calendar', 'A calendar view of watering schedules would help.', 'feature'],
  ['Widgets', 'I would love a home screen widget with today\'s readings.', 'feature'],
  ['Webhooks', 'Please support webhooks when a device goes offline.', 'feature'],
  ['Reset', 'How do I reset the hub to factory settings?', 'question'],
  ['API key', 'Where can I find my API key?', 'question'],
  ['Frost', 'Does the outdoor sensor work below freezing?', 'question'],
  ['Two phones', 'Can I use one account on two phones?', 'question'],
  ['Retention', 'How long do you keep my readings?', 'question'],
  ['Ports', 'Which ports does the self-hosted server need?', 'question'],
];

function csvOf(rows: readonly [string, string, string][]): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return `title,body,kind\n${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`;
}

describe('liaison train and liaison evaluate', () => {
  const database = useTestDatabase();
  let dir: string;
  let output: string;
  const saved = { url: process.env.DATABASE_URL, level: process.env.LOG_LEVEL };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liaison-train-'));
    process.env.DATABASE_URL = database.current().url;
    process.env.LOG_LEVEL = 'silent';
    output = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += String(chunk);
      return true;
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.env.DATABASE_URL = saved.url;
    process.env.LOG_LEVEL = saved.level;
    process.exitCode = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function liaison(...args: string[]): Promise<void> {
    const program = new Command('liaison').exitOverride();
    registerTrainCommand(program);
    registerEvaluateCommand(program);
    await program.parseAsync(args, { from: 'user' });
  }

  it('trains from a CSV, prints the cross-validated report and stores the model as the active one', async () => {
    const file = join(dir, 'issues.csv');
    await writeFile(file, csvOf(ROWS));
    await liaison('train', '--data', file, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request');

    expect(output).toContain('read 18 rows from issues.csv');
    const total = builtinExamples().length + ROWS.length;
    // Too few file rows to score them alone: the report covers every example.
    expect(output).toContain(`5-fold cross-validation on all ${total} examples`);
    expect(output).toMatch(/feature_request\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+\d+/);
    expect(output).toMatch(/macro-F1 \d\.\d{3}/);
    expect(output).toContain('confusion matrix (rows: true label, columns: predicted)');
    const rows = await database.current().db.select().from(classifierModels);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ active: true, origin: 'file:issues.csv', exampleCount: total });
    expect(rows[0]?.examples).toHaveLength(18);
    expect(output).toContain(`stored as model ${rows[0]?.id} (trained-${rows[0]?.id}), now active`);
  });

  it('refuses labels that are not categories and stores nothing', async () => {
    const file = join(dir, 'issues.csv');
    await writeFile(file, csvOf(ROWS));
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await liaison('train', '--data', file, '--text', 'title,body', '--label', 'kind');
    expect(process.exitCode).toBe(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/rows 8–13 \(6 rows\): label "feature" is not a category; map it with --map feature=<category>/);
    expect(await database.current().db.select().from(classifierModels)).toEqual([]);
  });

  it('folds pass-on corrections into a new model with --from-history', async () => {
    const { db } = database.current();
    const org = await seedOrganisation(db);
    for (const text of ['Invoice shows the wrong address', 'We were invoiced twice', 'Invoice total is wrong', 'Please reissue the invoice']) {
      const { itemId } = await routedItem(db, org, text, 'support');
      await passOn(db, itemId, 'support', 'sales');
    }
    await liaison('train', '--from-history');
    expect(output).toContain('ledger: 0 re-categorised items, 4 pass-on examples');
    expect(output).toContain('team head: sales (4 corrections)');
    const [row] = await db.select().from(classifierModels);
    expect(row).toMatchObject({ origin: 'history', active: true });
  });

  it('keeps the examples of an earlier file when retraining from the ledger alone', async () => {
    const file = join(dir, 'issues.csv');
    await writeFile(file, csvOf(ROWS));
    await liaison('train', '--data', file, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request');
    const [first] = await database.current().db.select().from(classifierModels);
    output = '';
    await liaison('train', '--from-history');
    expect(output).toContain(`keeping 18 examples imported from issues.csv (model ${first?.id})`);
    const rows = await database.current().db.select().from(classifierModels);
    const latest = rows.find((r) => r.active);
    expect(latest).toMatchObject({ origin: 'file:issues.csv+history', exampleCount: builtinExamples().length + ROWS.length });
    expect(latest?.examples).toHaveLength(18);
  });

  it('evaluates the active model on a held-out file without training', async () => {
    const file = join(dir, 'issues.csv');
    await writeFile(file, csvOf(ROWS));
    await liaison('train', '--data', file, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request');
    const [model] = await database.current().db.select().from(classifierModels);
    output = '';
    const heldOut = join(dir, 'held-out.csv');
    await writeFile(heldOut, csvOf([['Crash', 'The app crashes when I tap export.', 'bug'], ['Idea', 'Please add a widget for the lock screen.', 'feature']]));
    await liaison('evaluate', '--data', heldOut, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--restrict');
    expect(output).toContain(`model trained-${model?.id} on 2 rows of held-out.csv, choosing among bug, feature_request`);
    expect(output).toMatch(/macro-F1 \d\.\d{3}/);
    expect(await database.current().db.select().from(classifierModels)).toHaveLength(1);
  });
});
