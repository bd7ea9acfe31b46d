import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CATEGORIES, type Category } from '../../config/schema.js';
import { DomainError } from '../errors.js';
import type { CategoryExample } from './examples/index.js';
import { prepareText } from './tokenize.js';

export interface CsvColumns {
  /** Columns whose values make up the text, joined with a blank line (e.g. title, body). */
  text: readonly string[];
  label: string;
  /** File label → category, e.g. { feature: 'feature_request' }. */
  map?: Readonly<Record<string, string>>;
}

export interface LabelledCsv {
  examples: CategoryExample[];
  /** Rows without text or label. */
  skipped: number;
}

/**
 * Streams a CSV with a header row into labelled examples. Quoted fields may span lines and be of any length; each
 * text is kept only as far as the model reads it (prepareText), so a large file does not fill memory. Labels that
 * are neither categories nor mapped to one fail the whole file, listed with their counts.
 */
export async function readLabelledCsv(input: Readable, columns: CsvColumns): Promise<LabelledCsv> {
  const map = columns.map ?? {};
  for (const [from, to] of Object.entries(map)) {
    if (!isCategory(to)) throw new DomainError('invalid_input', `--map ${from}=${to}: "${to}" is not a category (${CATEGORIES.join(', ')})`);
  }
  const header = (names: string[]) => {
    checkHeader(names, columns);
    return names;
  };
  const parser = input.pipe(parse({ columns: header, bom: true, skip_empty_lines: true, relax_column_count: true }));
  // pipe() does not forward a read error (a missing file); without this the loop below would wait forever.
  input.once('error', (error) => parser.destroy(error));
  const examples: CategoryExample[] = [];
  const unknown = new Map<string, number>();
  let skipped = 0;
  for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
    const text = columns.text.map((c) => (record[c] ?? '').trim()).filter((part) => part.length > 0).join('\n\n');
    const label = (record[columns.label] ?? '').trim();
    if (text.length === 0 || label.length === 0) {
      skipped += 1;
      continue;
    }
    const category = map[label] ?? label;
    if (!isCategory(category)) {
      unknown.set(label, (unknown.get(label) ?? 0) + 1);
      continue;
    }
    examples.push({ text: prepareText(text), category });
  }
  if (unknown.size > 0) {
    const listed = [...unknown].map(([label, n]) => `"${label}" (${n} rows)`).join(', ');
    const hint = [...unknown.keys()].map((label) => `--map ${label}=<category>`).join(' ');
    throw new DomainError('invalid_input', `labels that are not categories: ${listed}. Map them with ${hint}; categories: ${CATEGORIES.join(', ')}`, {
      labels: Object.fromEntries(unknown),
    });
  }
  if (examples.length === 0) throw new DomainError('invalid_input', 'the file has no rows with both text and a label');
  return { examples, skipped };
}

function checkHeader(header: readonly string[], columns: CsvColumns): void {
  const missing = [...columns.text, columns.label].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DomainError('invalid_input', `column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} not in the file; it has ${header.map((c) => `"${c}"`).join(', ')}`);
  }
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Parses repeated `label=category` options. */
export function parseLabelMap(pairs: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new DomainError('invalid_input', `--map expects label=category, got "${pair}"`);
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}
