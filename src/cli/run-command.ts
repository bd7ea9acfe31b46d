import { ConfigError } from '../config/problems.js';
import { isDomainError } from '../core/errors.js';

/**
 * Runs a command body: a user mistake (bad flag, unknown label, bad environment) is printed as a message with exit
 * code 1, without a stack trace; anything else propagates, which prints the stack.
 */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isDomainError(error) || error instanceof ConfigError) {
      process.stderr.write(`liaison: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
