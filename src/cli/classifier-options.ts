import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../core/errors.js';
import { parseLabelMap, readLabelledCsv, type LabelledCsv } from '../core/classify/read-labelled-csv.js';

/** The column flags `train` and `evaluate` share. */
export interface CsvFlags {
  data?: string;
  text: string;
  label?: string;
  map: string[];
  group?: string;
  id?: string;
}

export function addCsvOptions(command: Command): Command {
  return command
    .option('--data <csv>', 'CSV file with a header row')
    .option('--text <columns>', 'column(s) holding the text, comma-separated; joined with a blank line (e.g. title,body)', 'text')
    .option('--label <column>', 'column holding the category label (default: label; with --team, none unless given)')
    .option('--map <label=category>', 'map a file label to a category (repeatable), e.g. --map feature=feature_request', collect, [])
    .option('--group <column>', 'also score each group of rows on its own (e.g. --group repo), with the mean of the groups');
}

export async function readCsvFlags(
  flags: CsvFlags & { data: string },
  extra: { team?: string; knownTeams?: readonly string[] } = {},
): Promise<LabelledCsv & { name: string }> {
  await access(flags.data).catch(() => {
    throw new DomainError('invalid_input', `cannot read ${flags.data}`);
  });
  const columns = flags.text.split(',').map((c) => c.trim()).filter(Boolean);
  const label = flags.label?.trim() ?? (extra.team ? undefined : 'label');
  const csv = await readLabelledCsv(createReadStream(flags.data), {
    text: columns,
    ...(label ? { label } : {}),
    map: parseLabelMap(flags.map),
    ...(flags.group ? { group: flags.group.trim() } : {}),
    ...(flags.id ? { id: flags.id.trim() } : {}),
    ...(extra.team ? { team: extra.team.trim() } : {}),
    ...(extra.knownTeams ? { knownTeams: extra.knownTeams } : {}),
  });
  return { ...csv, name: basename(flags.data) };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function positiveInteger(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new DomainError('invalid_input', `${flag} expects a whole number of at least ${min}, got "${value}"`);
  return n;
}
