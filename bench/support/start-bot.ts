import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bot started as `npm start` starts it: package.json's `start` script (its Node flags too, such as the heap
 * bounds), run directly after `npm run build`, so that the measured process is the bot itself and not npm.
 * The bot is ended when this process exits, also when a bench fails half-way.
 */
export function startBot(env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  const [command, ...args] = startScript();
  if (command !== 'node') throw new Error(`package.json's start script does not start with node: ${command}`);
  const extra = process.env.BENCH_BOT_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const bot = spawn(process.execPath, [...extra, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio });
  process.once('exit', () => bot.kill('SIGKILL'));
  return bot;
}

/** package.json's `start` script, split into words (it is a plain command: no quotes, no shell syntax). */
export function startScript(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: { start: string } };
  return scripts.start.trim().split(/\s+/);
}
