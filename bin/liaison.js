#!/usr/bin/env node
// The `liaison` command (npx liaison ...): the TypeScript CLI through tsx's loader in a development install; a
// production install (`npm ci --omit=dev`, no tsx) runs the build in dist/ instead.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

// `liaison start` runs the bot with the Node flags of `npm start` (the heap bounds, README "Memory"). Node reads them
// only as it starts, so this process starts Node again with them, unless it was started with them.
const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const flags = scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
if (process.argv[2] === 'start' && flags.some((flag) => !process.execArgv.includes(flag))) {
  // With an IPC channel: the bot stops when this process is gone, even killed (below).
  const bot = spawn(process.execPath, [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const forward = (signal) => bot.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  bot.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  if (process.channel) {
    // Started by the branch above: its end (Ctrl-C, kill, kill -9) is a SIGTERM to the bot, which stops cleanly.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  if (register) {
    register();
    await import('../src/cli.ts');
  } else {
    await import('../dist/cli.js');
  }
}
