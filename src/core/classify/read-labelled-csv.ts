import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CATEGORIES, type Category } from '../../config/schema.js';
import { DomainError } from '../errors.js';
import type { CategoryExample } from './examples/index.js';
import type { CsvProblem } from './csv-problems.js';
import { prepareText } from './tokenize.js';

export interface CsvColumns {
  /** Columns whose values make up the text, joined with a blank line (e.g. title, body). */
  text: readonly string[];
  /** The category column; optional when the file is read for its teams only. */
  label?: string;
  /** File label → category, e.g. { feature: 'feature_request' }. */
  map?: Readonly<Record<string, string>>;
  /** The column naming the team that handled each row (`liaison train --team`). */
  team?: string;
  /** The teams the config knows: a row naming another team is a problem. */
  knownTeams?: readonly string[];
  /** A column whose value groups rows for per-group scores (`--group repo`). */
  group?: string;
  /** A column identifying each row in a predictions file (`--id`); the row number otherwise. */
  id?: string;
}

/** One usable row of the file. `row` counts the header as row 1, as a spreadsheet does. */
export interface LabelledRow {
  row: number;
  id: string;
  text: string;
  category?: Category;
  team?: string;
  group?: string;
}

export interface LabelledCsv {
  rows: LabelledRow[];
  /** The rows that have a category, as training examples. */
  examples: CategoryExample[];
}

/**
 * Streams a CSV with a header row. Quoted fields may span lines and be of any length; each text is kept only as far
 * as the model reads it (prepareText), so a large file does not fill memory. Every problem (a missing column, a row
 * without text or label, a label that is no category, a team the config does not know) is collected with its row,
 * and the file is refused with all of them at once: a model trained on part of a file would be a surprise.
 */
export async function readLabelledCsv(input: Readable, columns: CsvColumns): Promise<LabelledCsv> {
  const map = columns.map ?? {};
  for (const [from, to] of Object.entries(map)) {
    if (!isCategory(to)) throw new DomainError('invalid_input', { reason: 'not_a_category', details: { label: from, category: to } });
  }
  if (!columns.label && !columns.team) throw new DomainError('invalid_input', { reason: 'no_label_column', details: {} });
  const header = (names: string[]) => {
    checkHeader(names, columns);
    return names;
  };
  const parser = input.pipe(parse({ columns: header, bom: true, skip_empty_lines: true, relax_column_count: true }));
  // pipe() does not forward a read error (a missing file); without this the loop below would wait forever.
  input.once('error', (error) => parser.destroy(error));
  const teams = columns.knownTeams ? new Set(columns.knownTeams) : undefined;
  const rows: LabelledRow[] = [];
  const problems: CsvProblem[] = [];
  let row = 1;
  for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
    row += 1;
    const value = (column: string | undefined) => (column ? (record[column] ?? '').trim() : '');
    const text = columns.text.map(value).filter((part) => part.length > 0).join('\n\n');
    const before = problems.length;
    if (text.length === 0) problems.push({ row, kind: 'no_text' });
    const label = value(columns.label);
    const category = map[label] ?? label;
    if (columns.label && label.length === 0) problems.push({ row, kind: 'no_label' });
    else if (columns.label && !isCategory(category)) problems.push({ row, kind: 'unknown_label', value: label });
    const team = value(columns.team);
    if (columns.team && team.length === 0) problems.push({ row, kind: 'no_team' });
    else if (columns.team && teams && !teams.has(team)) problems.push({ row, kind: 'unknown_team', value: team });
    if (problems.length > before) continue;
    rows.push({
      row,
      id: value(columns.id) || String(row),
      text: prepareText(text),
      ...(columns.label ? { category: category as Category } : {}),
      ...(columns.team ? { team } : {}),
      ...(columns.group ? { group: value(columns.group) } : {}),
    });
  }
  if (problems.length > 0) throw new DomainError('invalid_input', { reason: 'csv_problems', details: { problems, ...(columns.knownTeams ? { teams: [...columns.knownTeams] } : {}) } });
  if (rows.length === 0) throw new DomainError('invalid_input', { reason: 'no_rows', details: {} });
  const examples = rows.flatMap((r) => (r.category ? [{ text: r.text, category: r.category }] : []));
  return { rows, examples };
}

function checkHeader(header: readonly string[], columns: CsvColumns): void {
  const wanted = [...columns.text, columns.label, columns.team, columns.group, columns.id].filter((c): c is string => Boolean(c));
  const missing = [...new Set(wanted.filter((c) => !header.includes(c)))];
  if (missing.length > 0) {
    throw new DomainError('invalid_input', { reason: 'missing_columns', details: { missing, header: [...header] } });
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
    if (at <= 0 || at === pair.length - 1) throw new DomainError('invalid_input', { reason: 'bad_label_map', details: { pair } });
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}
