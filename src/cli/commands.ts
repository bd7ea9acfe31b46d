import type { Command } from 'commander';
import { registerDiscordCommands } from './discord-register.js';

/** Each command lives in its own file under src/cli/ and registers itself here. */
export function registerCommands(program: Command): void {
  registerDiscordCommands(program);
}
