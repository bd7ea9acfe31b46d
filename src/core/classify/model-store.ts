import { desc, eq, sql } from 'drizzle-orm';
import { Category } from '../../config/schema.js';
import type { Db } from '../../db/client.js';
import { classifierModels } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { decodeClassifierModel, encodeClassifierModel, type ClassifierModel } from './classifier-model.js';
import type { CategoryExample } from './examples/index.js';
import { seededRandom, shuffleInPlace } from './random.js';
import type { TeamModel } from './team-model.js';

export interface ModelRecord {
  model: ClassifierModel;
  /** Where the examples came from, e.g. "file:issues.csv", "history", "file:issues.csv+history". */
  origin: string;
  exampleCount: number;
  metrics: Record<string, unknown>;
  /** Imported examples to keep for later retrains. */
  examples?: readonly CategoryExample[];
}

/** Stores a model as the new active one and deactivates the previous, atomically; returns its id. */
export async function saveActiveModel(db: Db, clock: Clock, record: ModelRecord): Promise<number> {
  return db.transaction(async (tx) => {
    // Two `liaison train` runs at once must not leave two active models: serialise activations.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('liaison:classifier_models'))`);
    await tx.update(classifierModels).set({ active: false }).where(eq(classifierModels.active, true));
    const [row] = await tx
      .insert(classifierModels)
      .values({
        trainedAt: clock.now(),
        origin: record.origin,
        exampleCount: record.exampleCount,
        metrics: record.metrics,
        model: encodeClassifierModel(record.model),
        active: true,
        examples: record.examples ? keptExamples(record.examples) : null,
      })
      .returning({ id: classifierModels.id });
    return (row as { id: number }).id;
  });
}

/**
 * At most this many imported examples are kept for retraining: a jsonb value must stay well under PostgreSQL's 255 MB
 * and a scheduled retrain must stay quick. Larger files keep a seeded random sample (the model itself saw them all).
 */
export const MAX_KEPT_EXAMPLES = 20_000;

function keptExamples(examples: readonly CategoryExample[]): { text: string; category: string }[] {
  const all = examples.map((e) => ({ text: e.text, category: e.category }));
  return all.length <= MAX_KEPT_EXAMPLES ? all : shuffleInPlace(all, seededRandom(11)).slice(0, MAX_KEPT_EXAMPLES);
}

/** The active model's id: cheap, so a periodic refresh can ask often. */
export async function activeModelId(db: Db): Promise<number | undefined> {
  const [row] = await db
    .select({ id: classifierModels.id })
    .from(classifierModels)
    .where(eq(classifierModels.active, true))
    .orderBy(desc(classifierModels.id))
    .limit(1);
  return row?.id;
}

export async function loadModelJson(db: Db, id: number): Promise<unknown> {
  const [row] = await db.select({ model: classifierModels.model }).from(classifierModels).where(eq(classifierModels.id, id));
  return row?.model;
}

export interface ActiveModelBasis {
  id: number;
  examples: CategoryExample[];
  builtin: boolean;
  historyThroughActionId: number;
  /** The file the imported examples came from, if any. */
  importedFrom?: string;
}

/** What the active model was trained from, so a retrain from history can keep its imported examples. */
export async function activeModelBasis(db: Db): Promise<ActiveModelBasis | undefined> {
  const [row] = await db
    .select({ id: classifierModels.id, examples: classifierModels.examples, metrics: classifierModels.metrics })
    .from(classifierModels)
    .where(eq(classifierModels.active, true))
    .orderBy(desc(classifierModels.id))
    .limit(1);
  if (!row) return undefined;
  const examples = (row.examples ?? []).flatMap((e) => {
    const category = Category.safeParse(e.category);
    return category.success && typeof e.text === 'string' ? [{ text: e.text, category: category.data }] : [];
  });
  const metrics = row.metrics ?? {};
  return {
    id: row.id,
    examples,
    builtin: metrics.builtin !== false,
    historyThroughActionId: typeof metrics.historyThroughActionId === 'number' ? metrics.historyThroughActionId : 0,
    ...(typeof metrics.importedFrom === 'string' ? { importedFrom: metrics.importedFrom } : {}),
  };
}

/** The active model's team model (`liaison train --team`), so that a retrain of the categories can keep it. */
export async function activeTeamModel(db: Db): Promise<TeamModel | undefined> {
  const id = await activeModelId(db);
  if (id === undefined) return undefined;
  try {
    return decodeClassifierModel(await loadModelJson(db, id)).teamModel;
  } catch {
    // An unreadable active model has no team model to keep; the new one replaces it.
    return undefined;
  }
}
