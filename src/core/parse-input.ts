import type { z } from 'zod';
import { describeIssues } from '../config/problems.js';
import { DomainError } from './errors.js';

/** First line of every verb: the input is parsed, and a bad one is a user-visible error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DomainError('invalid_input', describeIssues(result.error.issues).join('; '));
  return result.data;
}
