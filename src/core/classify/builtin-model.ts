import { createHash } from 'node:crypto';
import { CATEGORIES } from '../../config/schema.js';
import { builtinExamples } from './examples/index.js';
import { ModelClassifier } from './model-classifier.js';
import { trainTextModel } from './train-text-model.js';

/**
 * The built-in model is trained from the built-in examples when first needed rather than shipped as a generated file:
 * training is deterministic and takes a fraction of a second (docs/classifier.md has the figure), and there is no
 * artifact to forget to regenerate after an example changes.
 */
let cached: ModelClassifier | undefined;

export function builtinClassifier(): ModelClassifier {
  cached ??= new ModelClassifier({ category: trainBuiltinModel() }, BUILTIN_VERSION);
  return cached;
}

export function trainBuiltinModel() {
  return trainTextModel(
    builtinExamples().map((e) => ({ text: e.text, label: e.category })),
    { labels: CATEGORIES },
  );
}

/** Changes whenever an example changes, so a stored classification can be traced to the examples behind it. */
export const BUILTIN_VERSION = `builtin-${createHash('sha256').update(JSON.stringify(builtinExamples())).digest('hex').slice(0, 8)}`;
