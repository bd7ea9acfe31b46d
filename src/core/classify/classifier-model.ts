import { z } from 'zod';
import { CATEGORIES } from '../../config/schema.js';
import { decodeTextModel, encodeTextModel, TextModelJson } from './model-codec.js';
import type { TeamHead } from './team-head.js';
import type { TextModel } from './text-model.js';

/** Everything a trained classifier needs: the category model, and the team head when the ledger taught one. */
export interface ClassifierModel {
  category: TextModel;
  teams?: TeamHead;
}

export const ClassifierModelJson = z.object({
  kind: z.literal('liaison-classifier'),
  format: z.literal(1),
  category: TextModelJson,
  teams: z.object({ model: TextModelJson, minConfidence: z.number().min(0).max(1) }).optional(),
});
export type ClassifierModelJson = z.infer<typeof ClassifierModelJson>;

export function encodeClassifierModel(model: ClassifierModel): ClassifierModelJson {
  return {
    kind: 'liaison-classifier',
    format: 1,
    category: encodeTextModel(model.category),
    ...(model.teams ? { teams: { model: encodeTextModel(model.teams.model), minConfidence: model.teams.minConfidence } } : {}),
  };
}

/** Throws with a readable reason when the stored JSON is not a model this version can use. */
export function decodeClassifierModel(json: unknown): ClassifierModel {
  const data = ClassifierModelJson.parse(json);
  const category = decodeTextModel(data.category);
  const unknown = category.labels.filter((label) => !(CATEGORIES as readonly string[]).includes(label));
  if (unknown.length > 0) throw new Error(`model predicts unknown categories: ${unknown.join(', ')}`);
  const teams = data.teams ? { model: decodeTextModel(data.teams.model), minConfidence: data.teams.minConfidence } : undefined;
  return teams ? { category, teams } : { category };
}
