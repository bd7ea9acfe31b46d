import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import type { Db } from '../db/client.js';
import type { Classifier } from './classify/classifier.js';
import type { Clock } from './clock.js';

/** Everything a core verb needs, passed in rather than imported, so that tests and several instances stay honest. */
export interface Context {
  db: Db;
  config: LiaisonConfig;
  clock: Clock;
  logger: Logger;
  classifier: Classifier;
}
