import { CATEGORIES } from '../config/schema.js';
import type { CsvProblem } from '../core/classify/csv-problems.js';
import type { ModelRefusal } from '../core/errors.js';

const quotedList = (names: readonly string[]) => names.map((c) => `"${c}"`).join(', ');

/** What the CLI's `train`, `evaluate` and `models` say when they refuse a file, a flag or a model. */
export function modelRefusalWords(refusal: ModelRefusal): string {
  switch (refusal.reason) {
    case 'not_a_category': {
      const { label, category } = refusal.details;
      return `--map ${label}=${category}: "${category}" is not a category (${CATEGORIES.join(', ')})`;
    }
    case 'bad_label_map': return `--map expects label=category, got "${refusal.details.pair}"`;
    case 'no_label_column': return 'give a label column, a team column, or both';
    case 'missing_columns': {
      const { missing, header } = refusal.details;
      return `row 1: column${missing.length > 1 ? 's' : ''} ${quotedList(missing)} not in the file; it has ${quotedList(header)}`;
    }
    case 'csv_problems': return csvProblemWords(refusal.details.problems, refusal.details);
    case 'no_rows': return 'the file has no rows';
    case 'too_few_teams': {
      const { teams } = refusal.details;
      return `the team column names ${teams.length === 1 ? `only one team (${teams[0]})` : 'no team'}; learning teams needs at least two`;
    }
    case 'not_a_model': return `"${refusal.details.ref}" is not a model: give its number (7), its version (trained-7) or builtin`;
    case 'unknown_model': return `there is no model ${refusal.details.modelId} (liaison models list shows them)`;
    case 'unusable_model': return `model ${refusal.details.modelId} cannot be used: ${refusal.details.problem}`;
  }
}

/**
 * Every problem, one line per kind (and per unknown value), with the rows it is on: "rows 4–6, 9 (4 rows)". A file
 * with a thousand rows of one unmapped label gives one line, not a thousand.
 */
export function csvProblemWords(problems: readonly CsvProblem[], context: { teams?: readonly string[] } = {}): string {
  const groups = new Map<string, CsvProblem[]>();
  for (const problem of problems) {
    const key = `${problem.kind}\u0000${problem.value ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  const lines = [...groups.values()].map((group) => {
    const first = group[0] as CsvProblem;
    return `  ${rowList(group.map((p) => p.row))}: ${what(first, context)}`;
  });
  return `the file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was trained or changed:\n${lines.join('\n')}`;
}

function what(problem: CsvProblem, context: { teams?: readonly string[] }): string {
  switch (problem.kind) {
    case 'no_text':
      return 'no text';
    case 'no_label':
      return 'no label';
    case 'unknown_label':
      return `label "${problem.value}" is not a category; map it with --map ${problem.value}=<category> (categories: ${CATEGORIES.join(', ')})`;
    case 'no_team':
      return 'no team';
    case 'unknown_team':
      return `team "${problem.value}" is not a team in the config${context.teams ? ` (teams: ${context.teams.join(', ')})` : ''}`;
  }
}

/** 2, 3, 4, 7 → "rows 2–4, 7 (4 rows)"; a single row → "row 2". */
export function rowList(rows: readonly number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  const sorted = [...rows].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start = sorted[0] as number;
  let end = start;
  for (const row of [...sorted.slice(1), Number.NaN]) {
    if (row === end + 1) {
      end = row;
      continue;
    }
    ranges.push(start === end ? String(start) : `${start}–${end}`);
    start = row;
    end = row;
  }
  return `rows ${ranges.join(', ')} (${rows.length} rows)`;
}
