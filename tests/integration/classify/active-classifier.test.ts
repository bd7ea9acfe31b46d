import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ActiveClassifier } from '../../../src/core/classify/active-classifier.js';
import { BUILTIN_VERSION } from '../../../src/core/classify/builtin-model.js';
import { activeModelId, saveActiveModel } from '../../../src/core/classify/model-store.js';
import { trainTextModel } from '../../../src/core/classify/train-text-model.js';
import { ManualClock } from '../../../src/core/clock.js';
import { classifierModels } from '../../../src/db/schema/index.js';
import { useTestDatabase } from '../../helpers/test-database.js';

/** A deliberately odd model: it calls everything about bananas a sales lead. */
function bananaModel() {
  const examples = [
    ...['bananas for sale', 'I want bananas', 'banana prices please', 'bulk bananas'].map((text) => ({ text, label: 'sales_lead' })),
    ...['apples are red', 'pears are green', 'the sky is blue', 'grass grows'].map((text) => ({ text, label: 'noise' })),
  ];
  return { category: trainTextModel(examples, { labels: ['noise', 'sales_lead'] }) };
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('the active classifier', () => {
  const database = useTestDatabase();
  const clock = new ManualClock('2026-03-02T12:00:00Z');

  it('uses the built-in model until a trained model is active', async () => {
    const classifier = await ActiveClassifier.load(database.current().db, pino({ level: 'silent' }));
    expect(classifier.classify('gm everyone').modelVersion).toBe(BUILTIN_VERSION);
  });

  it('picks up a model another process made active, and only reloads when it changes', async () => {
    const { db } = database.current();
    const classifier = await ActiveClassifier.load(db, pino({ level: 'silent' }));
    const id = await saveActiveModel(db, clock, { model: bananaModel(), origin: 'test', exampleCount: 8, metrics: {} });
    expect(await classifier.refresh(db)).toBe(true);
    expect(classifier.classify('cheap bananas in bulk')).toMatchObject({ category: 'sales_lead', modelVersion: `trained-${id}` });
    expect(await classifier.refresh(db)).toBe(false);
  });

  it('keeps exactly one model active, the newest', async () => {
    const { db } = database.current();
    await saveActiveModel(db, clock, { model: bananaModel(), origin: 'first', exampleCount: 8, metrics: {} });
    const second = await saveActiveModel(db, clock, { model: bananaModel(), origin: 'second', exampleCount: 8, metrics: {} });
    const active = await db.select({ id: classifierModels.id }).from(classifierModels).where(eq(classifierModels.active, true));
    expect(active).toEqual([{ id: second }]);
    expect(await activeModelId(db)).toBe(second);
  });

  it('falls back to the built-in model when the stored one cannot be read, and says why once', async () => {
    const { db } = database.current();
    const { logger, lines } = recordingLogger();
    const classifier = await ActiveClassifier.load(db, logger);
    const good = await saveActiveModel(db, clock, { model: bananaModel(), origin: 'good', exampleCount: 8, metrics: {} });
    await classifier.refresh(db);
    expect(classifier.modelVersion).toBe(`trained-${good}`);

    const [broken] = await db
      .insert(classifierModels)
      .values({ trainedAt: clock.now(), origin: 'broken', exampleCount: 1, model: { kind: 'something else' }, active: true })
      .returning();
    await db.update(classifierModels).set({ active: false }).where(eq(classifierModels.id, good));
    expect(await classifier.refresh(db)).toBe(true);
    expect(classifier.modelVersion).toBe(BUILTIN_VERSION);
    expect(await classifier.refresh(db)).toBe(false);
    const warnings = lines.filter((l) => l.msg === 'active classifier model cannot be read; using the built-in model');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ modelId: broken?.id });
    expect(JSON.stringify(warnings[0])).toMatch(/liaison-classifier/);
  });
});
