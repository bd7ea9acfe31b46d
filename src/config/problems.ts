import type { z } from 'zod';
import { closest } from './closest.js';
import { knownKeysAt } from './known-keys.js';

/** Raised when configuration is wrong; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`${origin} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** What was parsed, and by which schema: lets a problem name a rule by its name and suggest the setting meant. */
export interface IssueContext {
  raw?: unknown;
  schema?: z.core.$ZodType;
}

type Path = readonly PropertyKey[];

function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const segment of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** `routing.rules.0 ("bugs").route.0`: list entries that have a name are named, since people know them by it. */
export function formatPath(path: Path, raw?: unknown): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((segment, i) => {
      const name = typeof segment === 'number' ? (valueAt(raw, path.slice(0, i + 1)) as { name?: unknown } | undefined)?.name : undefined;
      return typeof name === 'string' && name ? `${String(segment)} ("${name}")` : String(segment);
    })
    .join('.');
}

const didYouMean = (word: string, known: readonly string[]) => {
  const guess = closest(word, known.filter((k) => k !== word));
  return guess ? ` (did you mean ${guess}?)` : '';
};

/**
 * Of a union's alternatives, the one the value was evidently meant to be: the only one whose problems all lie
 * below the value itself (`{ slack: { channel: … } }` is a Slack source with a misspelt key, not a bad source).
 */
function intendedBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const candidates = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** `teams.sales.home: expected a slack or discord channel` — one line per problem, path first. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], context: IssueContext = {}, prefix: Path = []): string[] {
  return issues.flatMap((issue): string[] => {
    const path = [...prefix, ...issue.path];
    const where = formatPath(path, context.raw);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = context.schema ? knownKeysAt(context.schema, path) : [];
        return issue.keys.map((key) => `${formatPath([...path, key], context.raw)}: unknown setting${didYouMean(key, known)}`);
      }
      case 'invalid_union': {
        const branch = intendedBranch(issue);
        if (branch) return describeIssues(branch, context, path);
        const value = valueAt(context.raw, path);
        const known = context.schema ? knownKeysAt(context.schema, path) : [];
        const strays = value && typeof value === 'object' && !Array.isArray(value) && known.length > 0 ? Object.keys(value).filter((key) => !known.includes(key)) : [];
        const hints = strays.map((key) => `; "${key}" is not a setting here${didYouMean(key, known)}`).join('');
        return [`${where}: ${issue.message}${hints}`];
      }
      case 'invalid_key': {
        const key = path.at(-1);
        return [`${where}: "${String(key)}" is not an accepted name (${issue.issues.map((inner) => inner.message).join('; ')})`];
      }
      case 'invalid_value': {
        const value = valueAt(context.raw, path);
        const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
        return [`${where}: ${issue.message}${hint}`];
      }
      default:
        return [`${where}: ${issue.message}`];
    }
  });
}
