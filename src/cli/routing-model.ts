import type { Logger } from 'pino';
import { ActiveClassifier } from '../core/classify/active-classifier.js';
import type { Db } from '../db/client.js';
import type { RoutingModel } from '../main.js';

/** The active classifier (a trained model when one is stored, the built-in one otherwise), refreshable while running. */
export async function openRoutingModel(db: Db, logger: Logger): Promise<RoutingModel> {
  const classifier = await ActiveClassifier.load(db, logger);
  return { classifier, refresh: () => classifier.refresh(db) };
}
