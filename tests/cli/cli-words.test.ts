import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLiaison, ROOT, runLiaison } from '../lifecycle/helpers/liaison-process.js';

/** Runs the built CLI (what `npm start` runs) in its own folder and returns what a person sees, and the exit code. */
async function liaison(root: string, args: string[], env: Record<string, string> = {}) {
  const run = runLiaison(root, args, { LOG_LEVEL: '', ...env });
  const { code } = await run.exited;
  return { code, output: run.output() };
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const noStack = (output: string) => expect(output, output).not.toMatch(/^\s+at /m);

describe('the command line, as a person reads it', () => {
  let root: string;
  beforeAll(async () => {
    root = await buildLiaison();
  }, 120_000);

  it('--version prints the package version', async () => {
    const { code, output } = await liaison(root, ['--version']);
    expect(code).toBe(0);
    expect(output.trim()).toBe('0.1.0');
  });

  it('loads .env, where the environment wins and empty values mean unset, so .env.example loads as shipped', async () => {
    await copyFile(join(ROOT, '.env.example'), join(root, '.env'));
    const shipped = await liaison(root, ['check-config']);
    expect(shipped.output).toMatch(/liaison\.example\.yaml is valid: 3 teams/);
    expect(shipped.code).toBe(0);

    await writeFile(join(root, 'broken.yaml'), 'organisation: { name: Broken }\n');
    await writeFile(join(root, '.env'), 'LIAISON_CONFIG=broken.yaml\nPORT=\n');
    const fromFile = await liaison(root, ['check-config']);
    expect(fromFile.code).toBe(1);
    expect(fromFile.output).toContain('broken.yaml');
    // The environment says otherwise, and wins.
    const fromEnv = await liaison(root, ['check-config'], { LIAISON_CONFIG: join(ROOT, 'liaison.example.yaml') });
    expect(fromEnv.code).toBe(0);
    await writeFile(join(root, '.env'), '');
  });

  it('discord register without a token says which variables to set, in one line', async () => {
    const { code, output } = await liaison(root, ['discord', 'register'], { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register commands (the Discord developer portal shows both; see the README\'s Discord section).');
    noStack(output);
  });

  it('send-example with no bot running says nothing answered, in one line', async () => {
    const port = await closedPort();
    const { code, output } = await liaison(root, ['send-example', '--url', `http://127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Nothing answered at http://127.0.0.1:${port}/intake/forum (ECONNREFUSED). Is Liaison running? Start it with npm start, or pass --url.`);
    noStack(output);
  });

  it('an unknown role is one line naming the roles there are', async () => {
    const { code, output } = await liaison(root, ['start', '--roles', 'web,chef']);
    expect(code).toBe(1);
    expect(output.trim()).toMatch(/^Unknown role chef: the roles are web, worker, scheduler/);
    noStack(output);
  });
});
