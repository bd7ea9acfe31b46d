import { z } from 'zod';
import { Category } from '../../config/schema.js';

/** How old a routing must be to show: what "age" offers. Days since it reached the team. */
export const AGE_CHOICES = [1, 3, 7, 30] as const;

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

/**
 * What the inbox can be narrowed to. Every field is optional and blank means "any", so a plain GET form's query
 * string parses as it is; an unknown value is refused with the field named.
 */
export const InboxFilter = z.object({
  team: optional(z.string().max(100)),
  community: optional(z.string().max(100)),
  category: optional(Category),
  status: optional(z.enum(['open', 'acknowledged', 'owned'])),
  /** At least this many days since the routing reached its team. */
  olderThanDays: optional(z.coerce.number().int().min(1).max(365)),
  /** `yes`: escalated items only (high or urgent priority); `no`: the others. */
  escalated: optional(z.enum(['yes', 'no'])),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxFilter = z.infer<typeof InboxFilter>;
export type InboxFilterInput = z.input<typeof InboxFilter>;
