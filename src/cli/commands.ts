import type { Command } from 'commander';
import { registerEvaluateCommand } from './evaluate.js';
import { registerTrainCommand } from './train.js';

/** Each command lives in its own file under src/cli/ and registers itself here. */
export function registerCommands(program: Command): void {
  registerTrainCommand(program);
  registerEvaluateCommand(program);
}
