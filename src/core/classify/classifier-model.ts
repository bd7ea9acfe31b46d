import { z } from 'zod';
import { CATEGORIES } from '../../config/schema.js';
import { Calibration } from './calibration.js';
import { decodeTextModel, encodeTextModel, TextModelJson } from './model-codec.js';
import type { TeamHead } from './team-head.js';
import type { TeamModel } from './team-model.js';
import type { TextModel } from './text-model.js';

/**
 * Everything a trained classifier needs: the category model and its calibration, the team head when the ledger
 * taught one, and the team model when it was trained on an exported history's team column.
 */
export interface ClassifierModel {
  category: TextModel;
  teams?: TeamHead;
  /** Absent in models stored before calibration: their classifications carry no `unsure` / `outOfScope`. */
  calibration?: Calibration;
  teamModel?: TeamModel;
}

const TeamHeadJson = z.object({ model: TextModelJson, minConfidence: z.number().min(0).max(1) });

export const ClassifierModelJson = z.object({
  kind: z.literal('liaison-classifier'),
  format: z.literal(1),
  category: TextModelJson,
  teams: TeamHeadJson.optional(),
  calibration: Calibration.optional(),
  teamModel: TeamHeadJson.extend({ column: z.string().min(1) }).optional(),
});
export type ClassifierModelJson = z.infer<typeof ClassifierModelJson>;

export function encodeClassifierModel(model: ClassifierModel): ClassifierModelJson {
  return {
    kind: 'liaison-classifier',
    format: 1,
    category: encodeTextModel(model.category),
    ...(model.teams ? { teams: { model: encodeTextModel(model.teams.model), minConfidence: model.teams.minConfidence } } : {}),
    ...(model.calibration ? { calibration: model.calibration } : {}),
    ...(model.teamModel ? { teamModel: { model: encodeTextModel(model.teamModel.model), minConfidence: model.teamModel.minConfidence, column: model.teamModel.column } } : {}),
  };
}

/** Throws with a readable reason when the stored JSON is not a model this version can use. */
export function decodeClassifierModel(json: unknown): ClassifierModel {
  const parsed = ClassifierModelJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a model this version can read (${issue ? `${issue.path.join('.') || 'model'}: ${issue.message}` : 'invalid'})`);
  }
  const data = parsed.data;
  const category = decodeTextModel(data.category);
  const unknown = category.labels.filter((label) => !(CATEGORIES as readonly string[]).includes(label));
  if (unknown.length > 0) throw new Error(`model predicts unknown categories: ${unknown.join(', ')}`);
  return {
    category,
    ...(data.teams ? { teams: { model: decodeTextModel(data.teams.model), minConfidence: data.teams.minConfidence } } : {}),
    ...(data.calibration ? { calibration: data.calibration } : {}),
    ...(data.teamModel ? { teamModel: { model: decodeTextModel(data.teamModel.model), minConfidence: data.teamModel.minConfidence, column: data.teamModel.column } } : {}),
  };
}
