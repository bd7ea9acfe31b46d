import { z } from 'zod';
import { LiaisonConfig } from './schema.js';

/** The JSON Schema editors use to complete and check `liaison.yaml` (see `$schema` in the example). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(LiaisonConfig, { io: 'input', unrepresentable: 'any' }),
    title: 'Liaison configuration',
  };
}
