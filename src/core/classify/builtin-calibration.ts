import type { Calibration } from './calibration.js';

/**
 * The built-in model's calibration, computed from its examples' out-of-fold predictions (5 folds, seed 1) by
 * `calibrateBuiltinModel()` and kept here so that starting Liaison does not cross-validate. A test recomputes it and
 * fails, printing the new value, whenever an example changes.
 */
export const BUILTIN_CALIBRATION: Calibration = {
  unsure: 0.39,
  outOfScope: 0.334,
  source: 'builtin',
  measured: { examples: 539, unsureShare: 0.124, confidentAccuracy: 0.852, inScopeKept: 0.991, outOfScopeRecall: 0.789 },
};
