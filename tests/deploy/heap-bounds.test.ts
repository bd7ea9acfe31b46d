import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { processStatus } from '../../src/db/data-dir.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { ROOT, whenAnswering } from '../lifecycle/helpers/liaison-process.js';

const startScript = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const flags = startScript.split(/\s+/).filter((word) => word.startsWith('--'));
const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const childrenOf = (pid: number) => readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((child) => processStatus(child).parentPid === pid);

describe('the heap bounds the bot runs with (README "Memory")', () => {
  it('are set by npm start and by the image alike', () => {
    expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd as string)).toEqual(['node', ...flags, 'dist/cli.js', 'start']);
  });

  let database: TestDatabase | undefined;
  let pids: number[] = [];
  afterEach(async () => {
    for (const pid of pids) if (processStatus(pid).alive) process.kill(pid, 'SIGKILL');
    pids = [];
    await database?.drop();
  });

  it('are given to the bot by `liaison start`, whose bot stops when the command is killed', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const { DATABASE_URL: _unused, ...inherited } = process.env;
    const command = spawn(process.execPath, [join(ROOT, 'bin', 'liaison.js'), 'start'], { cwd: ROOT, env: { ...inherited, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
    pids.push(command.pid as number);
    await waitFor(() => childrenOf(command.pid as number).length === 1, 10_000);
    const [bot] = childrenOf(command.pid as number) as [number];
    pids.push(bot);
    expect(commandLine(bot).slice(1, 1 + flags.length)).toEqual(flags);
    await whenAnswering(`http://127.0.0.1:${port}/readyz`, 200, 90_000);

    command.kill('SIGKILL');
    await waitFor(() => !processStatus(bot).alive, 15_000);
  }, 120_000);
});
