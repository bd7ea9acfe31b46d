import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerDiscordCheck } from './discord-check.js';
import { registerDiscordCommands } from './discord-register.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerMaintenance } from './maintenance.js';
import { registerModelsCommand } from './models.js';
import { registerReports } from './reports.js';
import { registerSendExample } from './send-example.js';
import { registerSlackCheck } from './slack-check.js';
import { registerStart } from './start.js';
import { registerTrainCommand } from './train.js';
import { registerTrackerCommands } from './trackers.js';
import { registerWebAccess } from './web-access.js';

/** Each command lives in its own file under src/cli/ and registers itself here. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerMaintenance(program);
  registerReports(program);
  registerDemo(program);
  registerSendExample(program);
  registerTrainCommand(program);
  registerEvaluateCommand(program);
  registerModelsCommand(program);
  registerDiscordCommands(program);
  registerDiscordCheck(program);
  registerSlackCheck(program);
  registerTrackerCommands(program);
  registerWebAccess(program);
}
