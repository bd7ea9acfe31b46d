import { z } from 'zod';
import type { OutOfFold } from './cross-validate.js';

/**
 * Thresholds chosen at training time from cross-validated (out-of-fold) predictions, stored with the model:
 * - `unsure`: below this confidence the category is a guess. It is the lowest confidence at which the predictions
 *   at least that confident were right CONFIDENT_ACCURACY of the time.
 * - `outOfScope`: a text whose out-of-scope score (the probability of `noise`: chatter, off-topic talk) is above this
 *   is taken as chatter. It keeps IN_SCOPE_KEPT of the real feedback below it.
 * `measured` says what those thresholds gave on the predictions they were chosen from.
 */
export const Calibration = z.object({
  unsure: z.number().min(0).max(1),
  outOfScope: z.number().min(0).max(1).optional(),
  source: z.enum(['cross_validation', 'builtin']),
  measured: z
    .object({
      examples: z.number().int().min(0),
      unsureShare: z.number().min(0).max(1),
      confidentAccuracy: z.number().min(0).max(1),
      inScopeKept: z.number().min(0).max(1).optional(),
      outOfScopeRecall: z.number().min(0).max(1).optional(),
    })
    .optional(),
});
export type Calibration = z.infer<typeof Calibration>;

/** The label whose probability is the out-of-scope score. */
export const OUT_OF_SCOPE_LABEL = 'noise';
/** Items the model is sure about should be right this often: a wrong team costs a hand-off, unsure costs a click. */
export const CONFIDENT_ACCURACY = 0.85;
/**
 * The share of the training examples' real feedback that must stay below the out-of-scope threshold. The goal is
 * 95 % of unseen feedback; training examples are a narrower sample than what arrives, and at 0.95 the built-in model
 * kept only 89 % of a held-out set of support requests (BANKING77), at 0.99 it kept 96 % (docs/classifier.md).
 */
export const IN_SCOPE_KEPT = 0.99;
/** However the predictions fall, a category is never trusted below this, and never doubted above the upper one. */
const UNSURE_RANGE = [0.25, 0.9] as const;

export function calibrate(truth: readonly string[], oof: OutOfFold): Calibration {
  const confidence = oof.probabilities.map((p) => Math.max(...p));
  const order = confidence.map((_, i) => i).sort((a, b) => (confidence[b] as number) - (confidence[a] as number));
  // The longest most-confident-first prefix that is right often enough; its last confidence is the threshold.
  let correct = 0;
  let unsure: number = UNSURE_RANGE[1];
  order.forEach((i, k) => {
    if (oof.predicted[i] === truth[i]) correct += 1;
    // Equal confidences fall on the same side of any threshold: judge them together.
    const next = order[k + 1];
    if (next !== undefined && confidence[next] === confidence[i]) return;
    if (correct / (k + 1) >= CONFIDENT_ACCURACY) unsure = confidence[i] as number;
  });
  unsure = round(Math.min(UNSURE_RANGE[1], Math.max(UNSURE_RANGE[0], unsure)));
  const confident = order.filter((i) => (confidence[i] as number) >= unsure);
  const measured = {
    examples: truth.length,
    unsureShare: round(1 - confident.length / Math.max(1, truth.length)),
    confidentAccuracy: round(confident.filter((i) => oof.predicted[i] === truth[i]).length / Math.max(1, confident.length)),
  };
  const column = oof.labels.indexOf(OUT_OF_SCOPE_LABEL);
  const inScope = truth.flatMap((label, i) => (label === OUT_OF_SCOPE_LABEL ? [] : [(oof.probabilities[i] as Float64Array)[column] as number]));
  if (column < 0 || inScope.length === 0) return { unsure, source: 'cross_validation', measured };
  inScope.sort((a, b) => a - b);
  // Rounded up, so that rounding never lets a kept example cross the threshold.
  const outOfScope = Math.ceil(1000 * (inScope[Math.min(inScope.length - 1, Math.ceil(IN_SCOPE_KEPT * inScope.length) - 1)] as number)) / 1000;
  const chatter = truth.flatMap((label, i) => (label === OUT_OF_SCOPE_LABEL ? [(oof.probabilities[i] as Float64Array)[column] as number] : []));
  return {
    unsure,
    outOfScope,
    source: 'cross_validation',
    measured: {
      ...measured,
      inScopeKept: round(inScope.filter((s) => s <= outOfScope).length / inScope.length),
      ...(chatter.length > 0 ? { outOfScopeRecall: round(chatter.filter((s) => s > outOfScope).length / chatter.length) } : {}),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
