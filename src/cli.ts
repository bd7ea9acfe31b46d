#!/usr/bin/env node
import { Command } from 'commander';
import { registerCommands } from './cli/commands.js';

const program = new Command('liaison').description('Routes community feedback to the teams that should act on it.');
registerCommands(program);
await program.parseAsync(process.argv);
