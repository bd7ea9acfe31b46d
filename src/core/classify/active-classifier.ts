import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { builtinClassifier } from './builtin-model.js';
import type { Classification, Classifier, ClassifierStatus } from './classifier.js';
import { decodeClassifierModel } from './classifier-model.js';
import { ModelClassifier } from './model-classifier.js';
import { activeModelId, loadModelJson } from './model-store.js';

/**
 * The classifier capture uses: the built-in model until a trained one is active in the database, then that one.
 * `refresh` asks only for the active model's id, and loads the model only when the id changed, so it can run every
 * few seconds and a `liaison train` in another process takes effect at once. A stored model that cannot be read is
 * logged once and skipped; the built-in model keeps classifying.
 */
export class ActiveClassifier implements Classifier {
  private current: ModelClassifier | undefined;
  private currentId: number | undefined;
  private readonly unreadable = new Set<number>();
  /** Why the active stored model is not the one in use, for the log and `/readyz`. */
  private fallback: { modelId: number; reason: string } | undefined;

  /** `builtin` is for tests; by default the built-in model is trained only if it is ever needed. */
  constructor(
    private readonly logger: Logger,
    private readonly builtin: () => ModelClassifier = builtinClassifier,
  ) {}

  /** Builds one and loads the active model, or trains the built-in one now so the first capture does not wait. */
  static async load(db: Db, logger: Logger): Promise<ActiveClassifier> {
    const classifier = new ActiveClassifier(logger);
    await classifier.refresh(db);
    classifier.inUse();
    return classifier;
  }

  classify(text: string): Classification {
    return this.inUse().classify(text);
  }

  get modelVersion(): string {
    return this.inUse().modelVersion;
  }

  /** Which model classifies, and, when the active stored model could not be read, which one and why. */
  status(): ClassifierStatus {
    return { modelVersion: this.modelVersion, ...(this.fallback ? { fallback: this.fallback } : {}) };
  }

  private inUse(): ModelClassifier {
    this.current ??= this.builtin();
    return this.current;
  }

  /** Swaps in the active stored model if it changed; true when the model in use changed. */
  async refresh(db: Db): Promise<boolean> {
    const id = await activeModelId(db);
    if (id === this.currentId) return false;
    if (id === undefined) {
      this.fallback = undefined;
      this.use(this.builtin(), undefined);
      this.logger.info({ modelVersion: this.modelVersion }, 'no trained classifier is active; using the built-in model');
      return true;
    }
    if (this.unreadable.has(id)) return false;
    try {
      const model = decodeClassifierModel(await loadModelJson(db, id));
      this.use(new ModelClassifier(model, `trained-${id}`), id);
      this.fallback = undefined;
      this.logger.info({ modelVersion: this.modelVersion }, 'classifier model loaded');
    } catch (error) {
      this.unreadable.add(id);
      this.fallback = { modelId: id, reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
      this.use(this.builtin(), undefined);
      this.logger.warn({ err: error, modelId: id }, 'active classifier model cannot be read; using the built-in model');
    }
    return true;
  }

  private use(classifier: ModelClassifier, id: number | undefined): void {
    this.current = classifier;
    this.currentId = id;
  }
}
