import type { z } from 'zod';
import { friendlyIssue } from '../config/friendly-issue.js';
import { describeIssues } from '../config/problems.js';
import { DomainError } from './errors.js';

/**
 * First line of every verb: the input is parsed, and a bad one is a user-visible error naming each field. The
 * details carry each field's own message too (`fields.reason`), so that a form can show it beside that field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: friendlyIssue });
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((issue) => [issue.path.map(String).join('.'), issue.message]));
    throw new DomainError('invalid_input', describeIssues(result.error.issues).join('; '), { fields });
  }
  return result.data;
}
