import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIntake } from '../../src/adapters/http/signature.js';
import { processStatus, readPostmasterLock } from '../../src/db/data-dir.js';
import { buildLiaison, kill, runLiaison, whenAnswering, whenListening, type LiaisonProcess } from './helpers/liaison-process.js';

/** The postmaster and every backend under it: what "pausing the database" means. */
function postgresProcesses(postmasterPid: number): number[] {
  const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => processStatus(pid).parentPid === postmasterPid);
  return [postmasterPid, ...children];
}

async function postIntake(port: number, id: string): Promise<Response> {
  const body = JSON.stringify({ id, text: 'The export crashes with big gardens', author: { name: 'Kim' } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`http://127.0.0.1:${port}/intake/forum`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake('fernhill-example-intake-secret', timestamp, body) },
    signal: AbortSignal.timeout(5000),
  });
}

describe('Liaison on its embedded database, run as processes', () => {
  let root: string;
  let dataDir: string;
  let env: Record<string, string>;
  const processes: LiaisonProcess[] = [];
  const start = (args = ['start']) => {
    const liaison = runLiaison(root, args, env);
    processes.push(liaison);
    return liaison;
  };
  let paused: number[] = [];

  beforeAll(async () => {
    root = await buildLiaison();
    dataDir = await mkdtemp(join(tmpdir(), 'liaison-process-'));
    env = { LIAISON_DATA_DIR: dataDir };
    // The first start makes the data directory (initdb): slower than any later start.
    const first = start();
    await whenListening(dataDir, first, 120_000);
    first.child.kill('SIGTERM');
    await first.exited;
  }, 180_000);
  afterEach(async () => {
    for (const pid of paused.splice(0)) process.kill(pid, 'SIGCONT');
    for (const liaison of processes.splice(0)) await kill(liaison);
  });
  afterAll(async () => {
    const lock = dataDir ? readPostmasterLock(join(dataDir, 'pg')) : undefined;
    if (lock && processStatus(lock.pid).alive) process.kill(lock.pid, 'SIGQUIT');
    await rm(dataDir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('after kill -9 of the bot, a plain restart is ready within 15 s, each of three times', async () => {
    let running = start();
    await whenListening(dataDir, running, 60_000);
    for (let round = 0; round < 3; round += 1) {
      running.child.kill('SIGKILL');
      await running.exited;
      const orphan = readPostmasterLock(join(dataDir, 'pg'));
      expect(orphan && processStatus(orphan.pid).alive).toBe(true);
      const spawnedAt = Date.now();
      running = start();
      const record = await whenListening(dataDir, running, 15_000);
      await whenAnswering(`http://127.0.0.1:${record.httpPort}/readyz`, 200, 15_000 - (Date.now() - spawnedAt));
      expect(processStatus(orphan!.pid).alive).toBe(false);
    }
  }, 120_000);

  it('CLI commands beside the running bot use its server; a second start says where it runs and exits 1', async () => {
    const bot = start();
    const record = await whenListening(dataDir, bot, 60_000);
    const history = start(['history', 'makers']);
    expect((await history.exited).code, history.output()).toBe(0);
    expect(history.output()).toContain('Fernhill Makers');
    const preview = start(['digest', '--preview']);
    expect((await preview.exited).code, preview.output()).toBe(0);
    expect(preview.output()).not.toContain('undefined');

    const second = start();
    expect((await second.exited).code).toBe(1);
    expect(second.output().trim()).toBe(`Liaison is already running with the data in ${dataDir}: PID ${bot.child.pid}, port ${record.httpPort} (http://localhost:${record.httpPort}/healthz). Stop it first, or set LIAISON_DATA_DIR to run another.`);
    await whenAnswering(`http://127.0.0.1:${record.httpPort}/readyz`, 200, 5000);
  }, 120_000);

  it('when the embedded server is killed, /healthz says so, the server is restarted and intake stores again', async () => {
    const bot = start();
    const { httpPort } = await whenListening(dataDir, bot, 60_000);
    expect((await postIntake(httpPort, 'before-crash')).status).toBe(202);
    process.kill(readPostmasterLock(join(dataDir, 'pg'))!.pid, 'SIGKILL');
    const unhealthy = await whenAnswering(`http://127.0.0.1:${httpPort}/healthz`, 503, 5000).catch((error: Error) => {
      throw new Error(`${error.message}\n${bot.output()}`);
    });
    expect(await unhealthy.json()).toMatchObject({ status: 'unhealthy', reason: expect.stringContaining('stopped unexpectedly') });
    await whenAnswering(`http://127.0.0.1:${httpPort}/readyz`, 200, 30_000);
    await whenAnswering(`http://127.0.0.1:${httpPort}/healthz`, 200, 1000);
    // As a sender does: a 503 (a pooled connection the crash closed) is sent again after a moment.
    let after = await postIntake(httpPort, 'after-crash');
    for (let resend = 0; after.status === 503 && resend < 20; resend += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await postIntake(httpPort, 'after-crash');
    }
    expect(after.status, bot.output()).toBe(202);
    expect(await after.json()).toMatchObject({ status: 'created' });
    expect(bot.child.exitCode).toBeNull();
    // And it stops as cleanly as ever: SIGTERM ends it with 0 well within 10 s.
    const stopping = Date.now();
    bot.child.kill('SIGTERM');
    const ended = await bot.exited;
    expect({ code: ended.code, withinTenSeconds: Date.now() - stopping < 10_000 }, bot.output()).toEqual({ code: 0, withinTenSeconds: true });
  }, 120_000);

  it('SIGTERM ends the bot within 10 s while its database is paused, with exit code 1 (the bound ended it)', async () => {
    const bot = start();
    const { httpPort } = await whenListening(dataDir, bot, 60_000);
    paused = postgresProcesses(readPostmasterLock(join(dataDir, 'pg'))!.pid);
    for (const pid of paused) process.kill(pid, 'SIGSTOP');
    // A request caught by the pause is answered, and does not hold the shutdown.
    const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`, { signal: AbortSignal.timeout(3000) });
    expect(ready.status).toBe(503);
    // Its answer (or the connection closed by the shutdown) is not what this test is about; caught at once, so that a
    // rejection while the bot stops is not an unhandled one.
    const pending = postIntake(httpPort, 'while-paused').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    bot.child.kill('SIGTERM');
    const ended = await Promise.race([bot.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
    expect(ended, bot.output()).toBe(true);
    // The paused server does not answer its stop signal: the overall bound ends the process, and says so (README).
    expect((await bot.exited).code).toBe(1);
    await pending;
  }, 120_000);

  it('SIGTERM right after the embedded server is killed under load ends the bot cleanly: exit 0 within 5 s', async () => {
    const bot = start();
    const { httpPort } = await whenListening(dataDir, bot, 60_000);
    // Posts keep coming (and their cards keep the worker busy) while the server dies and the bot is told to stop.
    let sending = true;
    const senders = Array.from({ length: 6 }, async (_, sender) => {
      for (let n = 0; sending && n < 200; n += 1) await postIntake(httpPort, `sigterm-${sender}-${n}`).catch(() => undefined);
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(readPostmasterLock(join(dataDir, 'pg'))!.pid, 'SIGKILL');
    await whenAnswering(`http://127.0.0.1:${httpPort}/healthz`, 503, 5000);
    const stopping = Date.now();
    bot.child.kill('SIGTERM');
    const ended = await Promise.race([bot.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 12_000))]);
    sending = false;
    await Promise.all(senders);
    expect({ code: ended?.code, withinFiveSeconds: Date.now() - stopping <= 5000 }, bot.output()).toEqual({ code: 0, withinFiveSeconds: true });
  }, 120_000);
});
