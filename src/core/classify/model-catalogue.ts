import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { classifierModels } from '../../db/schema/index.js';
import { DomainError } from '../errors.js';
import { Calibration } from './calibration.js';
import { decodeClassifierModel, type ClassifierModel } from './classifier-model.js';
import { loadModelJson } from './model-store.js';

/** One stored model, as `liaison models list` shows it. */
export interface StoredModel {
  id: number;
  version: string;
  trainedAt: Date;
  origin: string;
  exampleCount: number;
  active: boolean;
  /** Cross-validated macro-F1 recorded at training, when it was cross-validated. */
  macroF1?: number;
  calibration?: Calibration;
  /** The CSV column its team model was trained from (`liaison train --team`). */
  teamColumn?: string;
}

const Summary = z.object({
  macroF1: z.number().nullish(),
  calibration: z.unknown().nullish(),
  teamColumn: z.string().nullish(),
});

/** Every stored model, newest first, with what was measured when it was trained (read from JSON, not the whole model). */
export async function listModels(db: Db): Promise<StoredModel[]> {
  const rows = await db
    .select({
      id: classifierModels.id,
      trainedAt: classifierModels.trainedAt,
      origin: classifierModels.origin,
      exampleCount: classifierModels.exampleCount,
      active: classifierModels.active,
      summary: sql<unknown>`jsonb_build_object(
        'macroF1', ${classifierModels.metrics}->'crossValidation'->'macroF1',
        'calibration', ${classifierModels.model}->'calibration',
        'teamColumn', ${classifierModels.model}->'teamModel'->'column')`,
    })
    .from(classifierModels)
    .orderBy(desc(classifierModels.id));
  return rows.map((row) => {
    const summary = Summary.safeParse(row.summary);
    const calibration = Calibration.safeParse(summary.success ? summary.data.calibration : undefined);
    return {
      id: row.id,
      version: `trained-${row.id}`,
      trainedAt: row.trainedAt,
      origin: row.origin,
      exampleCount: row.exampleCount,
      active: row.active,
      ...(summary.success && typeof summary.data.macroF1 === 'number' ? { macroF1: summary.data.macroF1 } : {}),
      ...(calibration.success ? { calibration: calibration.data } : {}),
      ...(summary.success && summary.data.teamColumn ? { teamColumn: summary.data.teamColumn } : {}),
    };
  });
}

/** "7", "trained-7" → 7; "builtin" → 'builtin'; anything else is a user error. */
export function parseModelRef(ref: string): number | 'builtin' {
  const trimmed = ref.trim();
  if (trimmed === 'builtin' || trimmed.startsWith('builtin-')) return 'builtin';
  const match = /^(?:trained-)?(\d+)$/.exec(trimmed);
  if (!match) throw new DomainError('invalid_input', { reason: 'not_a_model', details: { ref } });
  return Number(match[1]);
}

/** Reads one stored model; a missing or unreadable one is a user error naming the reason. */
export async function loadStoredModel(db: Db, id: number): Promise<ClassifierModel> {
  const json = await loadModelJson(db, id);
  if (json === undefined) throw new DomainError('not_found', { reason: 'unknown_model', details: { modelId: id } });
  try {
    return decodeClassifierModel(json);
  } catch (error) {
    throw new DomainError('invalid_input', { reason: 'unusable_model', details: { modelId: id, problem: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) } });
  }
}

/**
 * Makes a stored model the active one (checking first that it can be read), or, with 'builtin', leaves none active
 * so that the built-in model classifies. Running instances switch at their next refresh.
 */
export async function activateModel(db: Db, ref: number | 'builtin'): Promise<void> {
  if (ref !== 'builtin') await loadStoredModel(db, ref);
  await db.transaction(async (tx) => {
    // The same lock as saveActiveModel: an activation and a training at once must not leave two active models.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('liaison:classifier_models'))`);
    await tx.update(classifierModels).set({ active: false }).where(eq(classifierModels.active, true));
    if (ref !== 'builtin') await tx.update(classifierModels).set({ active: true }).where(eq(classifierModels.id, ref));
  });
}
