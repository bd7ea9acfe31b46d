import type { z } from 'zod';

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  date: 'a date',
  null: 'empty',
};

const kindOf = (expected: string) => KIND[expected] ?? expected;
const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** What a value that is not of the expected kind actually is, in a config file's terms. */
function found(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'empty';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'number' && Number.isNaN(input)) return 'not a number';
  return quoted(input);
}

function size(origin: string, bound: number | bigint, exact: boolean | undefined, word: 'at least' | 'at most'): string {
  const n = Number(bound);
  const measure = origin === 'string' ? ` character${n === 1 ? '' : 's'}` : origin === 'array' || origin === 'set' ? ` item${n === 1 ? '' : 's'}` : '';
  if (origin === 'string' || origin === 'array' || origin === 'set') return `must have ${exact ? 'exactly' : word} ${n}${measure}`;
  return `must be ${word} ${n}`;
}

/**
 * The words a person reads when a value in the config file or the environment is wrong, for every check that has
 * no message of its own (a schema's own message always wins). Passed to `safeParse` as its error map.
 */
export function friendlyIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return issue.expected === 'object' || issue.expected === 'string' ? 'is required' : `is required (${kindOf(issue.expected)})`;
      if (issue.expected === 'number' || issue.expected === 'int') return `must be ${kindOf(issue.expected)}${typeof issue.input === 'number' ? '' : `, not ${found(issue.input)}`}`;
      return `must be ${kindOf(issue.expected)}, not ${found(issue.input)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quoted(issue.values[0])}` : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number' && !issue.inclusive) return `must be more than ${Number(issue.minimum)}`;
      return size(issue.origin, issue.minimum, issue.exact, 'at least');
    case 'too_big':
      if (issue.origin === 'number' && !issue.inclusive) return `must be less than ${Number(issue.maximum)}`;
      return size(issue.origin, issue.maximum, issue.exact, 'at most');
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'url') return 'must be a URL';
      if (issue.format === 'regex') return `does not have the expected form (${String(issue.pattern)})`;
      return `must be ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'is none of the accepted forms';
    case 'invalid_key':
      return 'is not an accepted key';
    case 'invalid_element':
      return 'has an invalid entry';
    case 'unrecognized_keys':
      return 'unknown setting';
    default:
      return undefined;
  }
}
