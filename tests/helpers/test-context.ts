import pino from 'pino';
import type { LiaisonConfig } from '../../src/config/schema.js';
import type { Classifier } from '../../src/core/classify/classifier.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Context } from '../../src/core/context.js';
import { resolveActor, type Actor } from '../../src/core/actor.js';
import { syncOrganisation } from '../../src/core/sync-organisation.js';
import type { Db } from '../../src/db/client.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { testConfig } from './test-config.js';

export interface TestContext extends Context {
  clock: ManualClock;
}

/** A core context on a test database, with the organisation synced and a hand-driven clock. */
export async function testContext(db: Db, options: { config?: LiaisonConfig; classifier?: Classifier; now?: string } = {}): Promise<TestContext> {
  const config = options.config ?? testConfig();
  const clock = new ManualClock(options.now ?? '2026-11-16T14:00:00Z');
  await syncOrganisation(db, config, clock.now());
  return {
    db,
    config,
    clock,
    logger: pino({ level: 'silent' }),
    classifier: options.classifier ?? keywordClassifier(),
  };
}

/** People of the test organisation, as adapters would resolve them. */
export function person(config: LiaisonConfig, who: 'priya' | 'lena' | 'sam' | 'maya' | 'lee' | 'outsider'): Actor {
  return resolveActor(config, { platform: 'console', id: who, name: who[0]?.toUpperCase() + who.slice(1) });
}
