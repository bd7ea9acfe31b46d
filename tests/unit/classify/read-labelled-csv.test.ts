import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseLabelMap, readLabelledCsv } from '../../../src/core/classify/read-labelled-csv.js';
import { MAX_TEXT_CHARS } from '../../../src/core/classify/tokenize.js';
import { wordsOfRefusal } from '../../../src/delivery/error-words.js';

const csv = (text: string) => Readable.from([text]);
/** What the person running the command reads: the presenter's words for the refusal. */
const refusedWith = (reading: Promise<unknown>) => reading.then(() => 'not refused', wordsOfRefusal);
const columns = { text: ['title', 'body'], label: 'kind', map: { feature: 'feature_request' } };

describe('reading a labelled CSV', () => {
  it('joins the text columns with a blank line and maps labels to categories', async () => {
    const file = 'id,title,body,kind\n1,Crash on start,"It crashes, every time.",bug\n2,Dark mode,Please add it,feature\n';
    const { examples } = await readLabelledCsv(csv(file), columns);
    expect(examples).toEqual([
      { text: 'Crash on start\n\nIt crashes, every time.', category: 'bug' },
      { text: 'Dark mode\n\nPlease add it', category: 'feature_request' },
    ]);
  });

  it('loads quoted fields that span many lines and contain quotes and commas', async () => {
    const body = 'Steps:\n1. open "Settings", then\n2. tap save\n\n```\nError: boom\n```\nThanks';
    const file = `title,body,kind\r\n"A ""quoted"" title","${body.replaceAll('"', '""')}",bug\r\n`;
    const { examples } = await readLabelledCsv(csv(file), columns);
    expect(examples).toHaveLength(1);
    expect(examples[0]?.text).toContain('A "quoted" title\n\nSteps:\n1. open "Settings", then');
  });

  it('loads a field of any length, keeping as much as the model reads', async () => {
    const long = 'word '.repeat(100_000);
    const rows = Array.from({ length: 10 }, (_, i) => `title ${i},"${long}",question`).join('\n');
    const { examples } = await readLabelledCsv(Readable.from(['title,body,kind\n', rows, '\n']), columns);
    expect(examples).toHaveLength(10);
    expect(examples[0]?.text.length).toBe(MAX_TEXT_CHARS);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const { examples } = await readLabelledCsv(csv('\uFEFFtitle,body,kind\nHi,there,question\n'), columns);
    expect(examples).toHaveLength(1);
  });

  it('lists every row without text or label and every label that is no category, with the rows, and keeps nothing', async () => {
    const file = 'title,body,kind\n,,bug\nCrash,,\nCrash,boom,bug\nc,d,enhancement\ne,f,docs\ng,h,enhancement\n';
    const error = await readLabelledCsv(csv(file), columns).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'csv_problems' });
    const message = wordsOfRefusal(error);
    expect(message).toContain('the file has 5 problems; nothing was trained or changed');
    expect(message).toContain('row 2: no text');
    expect(message).toContain('row 3: no label');
    expect(message).toMatch(/rows 5, 7 \(2 rows\): label "enhancement" is not a category; map it with --map enhancement=<category>/);
    expect(message).toMatch(/row 6: label "docs" is not a category/);
  });

  it('checks a team column against the teams of the config and names the unknown ones with their rows', async () => {
    const file = 'text,team\nInvoice wrong,billing\nHub offline,hardware\nRefund please,billing\nApp crash,mobile\n';
    const message = await refusedWith(readLabelledCsv(csv(file), { text: ['text'], team: 'team', knownTeams: ['billing', 'hardware'] }));
    expect(message).toContain('row 5: team "mobile" is not a team in the config (teams: billing, hardware)');
    const ok = await readLabelledCsv(csv(file.replace('mobile', 'hardware')), { text: ['text'], team: 'team', knownTeams: ['billing', 'hardware'] });
    expect(ok.rows.map((r) => r.team)).toEqual(['billing', 'hardware', 'billing', 'hardware']);
    expect(ok.examples).toEqual([]);
  });

  it('keeps each row\'s id and group for per-group scores and prediction files', async () => {
    const file = 'key,repo,title,body,kind\nA-1,react,Crash,boom,bug\nA-2,vscode,Idea,add it,feature\n';
    const { rows } = await readLabelledCsv(csv(file), { ...columns, id: 'key', group: 'repo' });
    expect(rows.map((r) => [r.row, r.id, r.group, r.category])).toEqual([[2, 'A-1', 'react', 'bug'], [3, 'A-2', 'vscode', 'feature_request']]);
  });

  it('names a missing column and the columns the file has', async () => {
    expect(await refusedWith(readLabelledCsv(csv('title,text,kind\na,b,bug\n'), columns))).toBe('row 1: column "body" not in the file; it has "title", "text", "kind"');
  });

  it('rejects a map onto something that is not a category', async () => {
    expect(await refusedWith(readLabelledCsv(csv('title,body,kind\na,b,bug\n'), { ...columns, map: { bug: 'defect' } }))).toMatch(/^--map bug=defect: "defect" is not a category \(bug, /);
    expect(await refusedWith(Promise.resolve().then(() => parseLabelMap(['feature'])))).toBe('--map expects label=category, got "feature"');
    expect(parseLabelMap(['feature=feature_request', 'bug = bug'])).toEqual({ feature: 'feature_request', bug: 'bug' });
  });
});
