#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerCommands } from './cli/commands.js';
import { loadDotEnv } from './config/dotenv.js';

// `.env` first, so every command sees the same settings `npm start` does (the environment itself wins).
loadDotEnv();
// src/cli.ts and dist/cli.js both sit one level below package.json.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const program = new Command('liaison').description('Routes community feedback to the teams that should act on it.').version(version, '-V, --version', 'print the version');
registerCommands(program);
await program.parseAsync(process.argv);
