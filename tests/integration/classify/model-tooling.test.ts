import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpApp } from '../../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../../src/adapters/http/metrics.js';
import { registerEvaluateCommand } from '../../../src/cli/evaluate.js';
import { registerModelsCommand } from '../../../src/cli/models.js';
import { registerTrainCommand } from '../../../src/cli/train.js';
import { ActiveClassifier } from '../../../src/core/classify/active-classifier.js';
import { BUILTIN_VERSION } from '../../../src/core/classify/builtin-model.js';
import { systemClock } from '../../../src/core/clock.js';
import { classifierModels } from '../../../src/db/schema/index.js';
import { testConfig } from '../../helpers/test-config.js';
import { useTestDatabase } from '../../helpers/test-database.js';

/** Issues from two made-up repositories, written for this test. */
const ISSUES: [string, string, string, string][] = [
  ['alpha', 'App crashes on launch', 'Since 2.3 the app closes right after the splash screen.', 'bug'],
  ['alpha', 'Sync broken', 'Readings stopped syncing yesterday, the app shows an error.', 'bug'],
  ['alpha', 'Login loop', 'After entering my password I land on the login page again.', 'bug'],
  ['beta', 'Export fails', 'Exporting to CSV gives a 500 error.', 'bug'],
  ['beta', 'Wrong totals', 'The weekly total counts every reading twice.', 'bug'],
  ['beta', 'Charts blank', 'The history chart is empty although there is data.', 'bug'],
  ['alpha', 'Dark mode', 'Please add a dark theme to the dashboard.', 'feature'],
  ['alpha', 'Excel export', 'It would be great to export reports to Excel.', 'feature'],
  ['alpha', 'Shortcuts', 'Could you add keyboard shortcuts for common actions?', 'feature'],
  ['beta', 'Calendar', 'A calendar view of watering schedules would help.', 'feature'],
  ['beta', 'Widgets', 'I would love a home screen widget with today\'s readings.', 'feature'],
  ['beta', 'Webhooks', 'Please support webhooks when a device goes offline.', 'feature'],
  ['alpha', 'Reset', 'How do I reset the hub to factory settings?', 'question'],
  ['alpha', 'API key', 'Where can I find my API key?', 'question'],
  ['alpha', 'Frost', 'Does the outdoor sensor work below freezing?', 'question'],
  ['beta', 'Two phones', 'Can I use one account on two phones?', 'question'],
  ['beta', 'Retention', 'How long do you keep my readings?', 'question'],
  ['beta', 'Ports', 'Which ports does the self-hosted server need?', 'question'],
];

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const csvOf = (header: string, rows: readonly string[][]) => `${header}\n${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`;
const issuesCsv = () => csvOf('repo,title,body,kind', ISSUES);
/** Which team of the example config handled each issue: bugs and questions support, features product. */
const teamsCsv = (rename: Record<number, string> = {}) =>
  csvOf('key,text,desk', ISSUES.map(([, title, body, kind], i) => [`T-${i + 1}`, `${title}. ${body}`, rename[i] ?? (kind === 'feature' ? 'product' : 'support')]));

describe('model tooling: train, evaluate, models', () => {
  const database = useTestDatabase();
  let dir: string;
  let output: string;
  let errors: string;
  const saved = { url: process.env.DATABASE_URL, level: process.env.LOG_LEVEL, config: process.env.LIAISON_CONFIG };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liaison-models-'));
    process.env.DATABASE_URL = database.current().url;
    process.env.LOG_LEVEL = 'silent';
    delete process.env.LIAISON_CONFIG;
    output = '';
    errors = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((output += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((errors += String(chunk)), true));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.env.DATABASE_URL = saved.url;
    process.env.LOG_LEVEL = saved.level;
    if (saved.config === undefined) delete process.env.LIAISON_CONFIG;
    else process.env.LIAISON_CONFIG = saved.config;
    process.exitCode = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function liaison(...args: string[]): Promise<void> {
    const program = new Command('liaison').exitOverride();
    registerTrainCommand(program);
    registerEvaluateCommand(program);
    registerModelsCommand(program);
    await program.parseAsync(args, { from: 'user' });
  }

  async function file(name: string, content: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  }

  const storedModels = () => database.current().db.select().from(classifierModels);

  it('learns the organisation\'s own teams from a team column and prints how well it knows them', async () => {
    await liaison('train', '--data', await file('desk.csv', teamsCsv()), '--text', 'text', '--team', 'desk');
    expect(output).toContain('read 18 rows from desk.csv (teams only, column "desk")');
    expect(output).toContain('team model, 5-fold cross-validation');
    expect(output).toMatch(/team model: used for routing at \d+% confidence or more/);
    const [row] = await storedModels();
    expect(row?.active).toBe(true);
    const active = await ActiveClassifier.load(database.current().db, pino({ level: 'silent' }));
    expect(active.classify('Please add a calendar widget to the dashboard').learnedTeam?.team).toBe('product');
  });

  it('lists every team the config does not have, with its rows, and activates nothing', async () => {
    await liaison('train', '--data', await file('desk.csv', teamsCsv({ 2: 'billing', 5: 'billing', 9: 'Product' })), '--text', 'text', '--team', 'desk');
    expect(process.exitCode).toBe(1);
    expect(errors).toContain('the file has 3 problems; nothing was trained or changed');
    expect(errors).toContain('rows 4, 7 (2 rows): team "billing" is not a team in the config (teams: product, support, sales)');
    expect(errors).toContain('row 11: team "Product" is not a team in the config');
    expect(await storedModels()).toEqual([]);
  });

  it('lists rows without text, rows without a label and unknown labels together, and activates nothing', async () => {
    const rows = ISSUES.map((r) => [...r]);
    rows[0]![1] = '';
    rows[0]![2] = '';
    rows[3]![3] = '';
    await liaison('train', '--data', await file('issues.csv', csvOf('repo,title,body,kind', rows)), '--text', 'title,body', '--label', 'kind');
    expect(process.exitCode).toBe(1);
    expect(errors).toContain('row 2: no text');
    expect(errors).toContain('row 5: no label');
    expect(errors).toContain('rows 8–13 (6 rows): label "feature" is not a category; map it with --map feature=<category>');
    expect(await storedModels()).toEqual([]);
  });

  it('prints macro-F1 per group and their mean, and fits fast without cross-validation with --no-cv', async () => {
    const issues = await file('issues.csv', issuesCsv());
    await liaison('train', '--data', issues, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--group', 'repo', '--folds', '3');
    expect(output).toMatch(/macro-F1 per repo\nrepo\s+macro-F1\s+rows\nalpha\s+\d\.\d{3}\s+9\nbeta\s+\d\.\d{3}\s+9\nmean of 2\s+\d\.\d{3}/);
    expect(output).toMatch(/calibrated on \d+ out-of-fold predictions:\n {2}unsure below 0\.\d{3} confidence/);
    output = '';
    await liaison('train', '--data', issues, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--group', 'repo', '--no-cv');
    expect(output).toContain('trained in');
    expect(output).toContain('no macro-F1 per repo with --no-cv: drop --no-cv, or score a held-out file with liaison evaluate --group repo');
    expect(output).not.toContain('-fold cross-validation');
    expect(output).toContain("thresholds: the built-in model's (no cross-validation to calibrate on)");
    expect(await storedModels()).toHaveLength(2);
  });

  it('evaluates a chosen model per group and writes each prediction to a CSV', async () => {
    const issues = await file('issues.csv', issuesCsv());
    const out = join(dir, 'predictions.csv');
    await liaison('evaluate', '--data', issues, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--model', 'builtin', '--group', 'repo', '--out', out, '--restrict');
    expect(output).toContain(`model ${BUILTIN_VERSION} on 18 rows of issues.csv, choosing among bug, feature_request, question`);
    expect(output).toMatch(/mean of 2\s+\d\.\d{3}/);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('id,label,predicted,confidence');
    expect(lines).toHaveLength(19);
    expect(lines[1]).toMatch(/^2,bug,(bug|feature_request|question),0\.\d{3}$/);
  });

  it('lists the stored models and switches between them and the built-in one', async () => {
    const issues = await file('issues.csv', issuesCsv());
    await liaison('train', '--data', issues, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--no-cv');
    await liaison('train', '--data', issues, '--text', 'title,body', '--label', 'kind', '--map', 'feature=feature_request', '--no-cv');
    const [newer, older] = (await storedModels()).sort((a, b) => b.id - a.id);
    output = '';
    await liaison('models', 'list');
    expect(output).toMatch(new RegExp(`\\* trained-${newer?.id}\\s`));
    expect(output).toMatch(new RegExp(`  trained-${older?.id}\\s`));
    expect(output).toContain(`active: trained-${newer?.id}`);
    output = '';
    await liaison('models', 'activate', `trained-${older?.id}`);
    expect(output).toContain(`model ${older?.id} (trained-${older?.id}) is active now`);
    await liaison('models', 'activate', 'builtin');
    expect((await storedModels()).filter((m) => m.active)).toEqual([]);
    output = '';
    await liaison('models', 'list');
    expect(output).toContain('active: the built-in model');
    await liaison('models', 'activate', '999');
    expect(process.exitCode).toBe(1);
    expect(errors).toContain('there is no model 999');
  });

  it('says in /readyz which model classifies and why the active one was set aside', async () => {
    const { db } = database.current();
    const [broken] = await db.insert(classifierModels).values({ trainedAt: systemClock.now(), origin: 'broken', exampleCount: 1, model: { kind: 'liaison-classifier', format: 9 }, active: true }).returning();
    const classifier = await ActiveClassifier.load(db, pino({ level: 'silent' }));
    const ctx = { db, config: testConfig(), clock: systemClock, logger: pino({ level: 'silent' }), classifier };
    const app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(db, systemClock) });
    const body = (await (await app.request('/readyz')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ready', classifier: { modelVersion: BUILTIN_VERSION, fallback: { modelId: broken?.id, reason: expect.stringContaining('format') } } });
  });
});
