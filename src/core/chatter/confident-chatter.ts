import type { Classification } from '../classify/classifier.js';

/**
 * Until a model carries a calibrated out-of-scope threshold, chatter counts as certain only at this noise score.
 * Chosen by hand on the built-in model: greetings, thanks and jokes score 0.95–1.00, while terse problem reports
 * it mistakes for chatter ("can't log in" 0.81, "website 404" 0.91, "My sensor is offline again" 0.61) stay below.
 */
export const UNCALIBRATED_CHATTER_CONFIDENCE = 0.95;

/**
 * Whether an automatic channel message may be skipped as chatter: only when the model is confident it is out of
 * scope. Anything borderline is captured and routed as unsure, so a real problem is never silently dropped.
 */
export function isConfidentChatter(classification: Classification): boolean {
  if (classification.outOfScope) return classification.outOfScope.confident;
  return classification.category === 'noise' && classification.confidence >= UNCALIBRATED_CHATTER_CONFIDENCE;
}
