import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseLabelMap, readLabelledCsv } from '../../../src/core/classify/read-labelled-csv.js';
import { MAX_TEXT_CHARS } from '../../../src/core/classify/tokenize.js';

const csv = (text: string) => Readable.from([text]);
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

  it('skips rows without text or label and says how many', async () => {
    const result = await readLabelledCsv(csv('title,body,kind\n,,bug\nCrash,,\nCrash,boom,bug\n'), columns);
    expect(result.examples).toHaveLength(1);
    expect(result.skipped).toBe(2);
  });

  it('lists every label that is neither a category nor mapped, with counts', async () => {
    const file = 'title,body,kind\na,b,bug\nc,d,enhancement\ne,f,docs\ng,h,enhancement\n';
    await expect(readLabelledCsv(csv(file), columns)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/"enhancement" \(2 rows\), "docs" \(1 rows\).*--map enhancement=<category> --map docs=<category>/),
    });
  });

  it('names a missing column and the columns the file has', async () => {
    await expect(readLabelledCsv(csv('title,text,kind\na,b,bug\n'), columns)).rejects.toMatchObject({
      message: expect.stringMatching(/"body" not in the file; it has "title", "text", "kind"/),
    });
  });

  it('rejects a map onto something that is not a category', async () => {
    await expect(readLabelledCsv(csv('title,body,kind\na,b,bug\n'), { ...columns, map: { bug: 'defect' } })).rejects.toThrow(/"defect" is not a category/);
    expect(() => parseLabelMap(['feature'])).toThrow(/label=category/);
    expect(parseLabelMap(['feature=feature_request', 'bug = bug'])).toEqual({ feature: 'feature_request', bug: 'bug' });
  });
});
