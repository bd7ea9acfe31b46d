import { CATEGORIES } from '../../config/schema.js';

/** One thing wrong with one row of a training or evaluation file. */
export interface CsvProblem {
  row: number;
  kind: 'no_text' | 'no_label' | 'unknown_label' | 'no_team' | 'unknown_team';
  value?: string;
}

/**
 * Every problem, one line per kind (and per unknown value), with the rows it is on: "rows 4–6, 9 (4 rows)". A file
 * with a thousand rows of one unmapped label gives one line, not a thousand.
 */
export function describeProblems(problems: readonly CsvProblem[], context: { teams?: readonly string[] } = {}): string {
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
