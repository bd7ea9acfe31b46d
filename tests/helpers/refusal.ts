import { isDomainError } from '../../src/core/errors.js';
import { errorWords } from '../../src/delivery/error-words.js';

/** What a refused verb tells its user: the code, the reason, and the words every presenter shows. Fails if it did not refuse. */
export async function refusalOf(work: Promise<unknown> | (() => unknown)): Promise<{ code: string; reason: string; words: string; details: Record<string, unknown> }> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, reason: error.reason, words: errorWords(error), details: error.details };
  }
  throw new Error('expected a refusal, but it was done');
}
