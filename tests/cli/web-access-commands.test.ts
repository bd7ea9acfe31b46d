import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLiaison, runLiaison } from '../lifecycle/helpers/liaison-process.js';
import { pageWords } from '../helpers/page-words.js';
import { testContext } from '../helpers/test-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { BASE, webApp } from '../web/web-http.js';

/**
 * `liaison web-link` and `liaison sessions revoke` run as an operator runs them (the built CLI, its own process,
 * the shared database), and the web app honours what they did.
 */
describe('web access from the command line', () => {
  let root: string;
  let database: TestDatabase;
  const cli = async (args: string[]) => {
    const run = runLiaison(root, args, { DATABASE_URL: database.url, LIAISON_PUBLIC_URL: BASE, LOG_LEVEL: '' });
    const { code } = await run.exited;
    return { code, output: run.output() };
  };

  beforeAll(async () => {
    root = await buildLiaison();
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database?.drop());

  it('prints a one-time link that signs the community manager in, and revoking ends that session', async () => {
    const link = await cli(['web-link', 'maya']);
    expect(link.code).toBe(0);
    expect(link.output).toMatch(/^http:\/\/liaison\.test\/sign-in\/\S+\n\(valid 10 minutes, once\)\n$/);
    const path = link.output.split('\n')[0]?.slice(BASE.length) as string;

    const app = webApp(await testContext(database.db));
    const signedIn = await app.request(`${BASE}${path}`, { method: 'POST', headers: { origin: BASE } });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(pageWords(await (await app.request(`${BASE}/account`, { headers: { cookie } })).text())).toContain('Signed in as');

    const revoked = await cli(['sessions', 'revoke', 'maya']);
    expect(revoked).toEqual({ code: 0, output: '1 session revoked.\n' });
    const after = await app.request(`${BASE}/account`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(pageWords(await after.text())).not.toContain('Signed in as');
  }, 60_000);

  it('refuses, in one line, someone the config does not name', async () => {
    const { code, output } = await cli(['web-link', 'mallory']);
    expect(code).toBe(1);
    expect(output.trim()).toBe('mallory is not a user named in the config (teams.<team>.members.users or roles); give a console name like maya, or slack:<id> / discord:<id>.');
  }, 60_000);

  it('asks whose sessions to end when given nobody', async () => {
    const { code, output } = await cli(['sessions', 'revoke']);
    expect(code).toBe(1);
    expect(output.trim()).toBe('Say whose sessions to revoke (a user, or --all).');
  }, 60_000);
});
