import { z } from 'zod';

/** The fields of a routing's forms, as the browser posts them; the verbs check the rest. */
export const RoutingForm = z.object({
  routing: z.coerce.number().int().positive(),
  action: z.enum(['acknowledge', 'own', 'resolve', 'decline', 'pass_on', 'reopen', 'undo', 'snooze', 'create_issue']),
  reason: z.string().max(4_000).optional(),
  toTeam: z.string().max(100).optional(),
  snoozeFor: z.enum(['4h', '1d', '3d', '1w']).optional(),
  form: z.string().max(100),
  back: z.string().max(2_000).optional(),
});
export type RoutingForm = z.infer<typeof RoutingForm>;

export const EscalateForm = z.object({
  team: z.string().max(100).optional(),
  priority: z.enum(['high', 'urgent']).default('high'),
  reason: z.string().max(4_000).default(''),
  form: z.string().max(100),
});
export type EscalateForm = z.infer<typeof EscalateForm>;

export const MergeForm = z.object({
  into: z.string().max(30).default(''),
  form: z.string().max(100),
});
export type MergeForm = z.infer<typeof MergeForm>;

/** The string fields of a parsed body, to put back in a form that came back refused. */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}
