import type { z } from 'zod';

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

/** `teams.sales.home: expected a slack or discord channel` — one line per issue, path first. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${joinPath(path, key)}: unknown setting`);
    return [`${path}: ${issue.message}`];
  });
}

function joinPath(path: string, key: string): string {
  return path === '(top level)' ? key : `${path}.${key}`;
}
