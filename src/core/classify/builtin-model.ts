import { createHash } from 'node:crypto';
import { CATEGORIES } from '../../config/schema.js';
import { BUILTIN_CALIBRATION } from './builtin-calibration.js';
import { calibrate, type Calibration } from './calibration.js';
import { outOfFold } from './cross-validate.js';
import { builtinExamples } from './examples/index.js';
import { ModelClassifier } from './model-classifier.js';
import { trainTextModel } from './train-text-model.js';

/**
 * The built-in model is trained from the built-in examples when first needed rather than shipped as a generated file:
 * training is deterministic and takes a fraction of a second (docs/classifier.md has the figure), and there is no
 * artifact to forget to regenerate after an example changes. Its calibration is precomputed (builtin-calibration.ts).
 */
let cached: ModelClassifier | undefined;

export function builtinClassifier(): ModelClassifier {
  cached ??= new ModelClassifier({ category: trainBuiltinModel(), calibration: BUILTIN_CALIBRATION }, BUILTIN_VERSION);
  return cached;
}

function builtinTraining() {
  return builtinExamples().map((e) => ({ text: e.text, label: e.category }));
}

export function trainBuiltinModel() {
  return trainTextModel(builtinTraining(), { labels: CATEGORIES });
}

/** What BUILTIN_CALIBRATION must be: the built-in examples cross-validated, 5 folds, seed 1. */
export function calibrateBuiltinModel(): Calibration {
  const examples = builtinTraining();
  const calibration = calibrate(examples.map((e) => e.label), outOfFold(examples, { labels: CATEGORIES, seed: 1 }));
  return { ...calibration, source: 'builtin' };
}

/** Changes whenever an example changes, so a stored classification can be traced to the examples behind it. */
export const BUILTIN_VERSION = `builtin-${createHash('sha256').update(JSON.stringify(builtinExamples())).digest('hex').slice(0, 8)}`;
