import { describe, expect, it } from 'vitest';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { testConfig } from '../helpers/test-config.js';
import { revokeSessions } from '../../src/core/revoke-sessions.js';
import { webSessions } from '../../src/db/schema/index.js';
import { testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { pageWords } from '../helpers/page-words.js';
import { BASE, linkToken, signInOver, webApp } from './web-http.js';

describe('signing in to the web app', () => {
  const database = useTestDatabase();

  it('serves the sign-in page at / without a session, saying how to get a link', async () => {
    const ctx = await testContext(database.current().db);
    const response = await webApp(ctx).request(`${BASE}/`);
    expect(response.status).toBe(200);
    const page = pageWords(await response.text());
    expect(page).toContain('In Slack: type /liaison web in any channel, or open Liaison’s Home tab and press Open the web app .');
    expect(page).toContain('In Discord: type /liaison web . The answer is visible only to you.');
    expect(page).toContain('liaison web-link <user> prints a link for a user the config names, such as liaison web-link maya');
    expect(page).toContain('To try Liaison: npm run demo plays a week and prints a link');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in once with a link: a session cookie, HttpOnly and SameSite=Lax; the same link again signs nobody in', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    const token = await linkToken(ctx, 'maya');
    const first = await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^liaison_session=[^;]+/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const account = pageWords(await (await app.request(`${BASE}/account`, { headers: { cookie: cookie.split(';')[0] as string } })).text());
    expect(account).toContain('Signed in as maya');
    const again = await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(pageWords(await again.text())).toContain('has been used already');
    expect(await ctx.db.$count(webSessions)).toBe(1);
  });

  it('marks the cookie Secure when LIAISON_PUBLIC_URL is https', async () => {
    const ctx = await testContext(database.current().db);
    const { response } = await signInOver(webApp(ctx, 'https://liaison.example.com'), ctx, 'maya');
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-liaison_session=.*; Secure/);
  });

  it('refuses a link older than ten minutes', async () => {
    const ctx = await testContext(database.current().db);
    const token = await linkToken(ctx, 'maya');
    ctx.clock.advance(11 * 60_000);
    const response = await webApp(ctx).request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
    expect(response.status).toBe(410);
    expect(pageWords(await response.text())).toContain('has expired');
    expect(await ctx.db.$count(webSessions)).toBe(0);
  });

  it('refuses a sign-in post from another site', async () => {
    const ctx = await testContext(database.current().db);
    const token = await linkToken(ctx, 'maya');
    const response = await webApp(ctx).request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(response.status).toBe(403);
    expect(pageWords(await response.text())).toContain('sent from another site');
    expect(await ctx.db.$count(webSessions)).toBe(0);
  });

  it('answers 429 in words after ten sign-in attempts from one address', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    for (let i = 0; i < 10; i += 1) expect((await app.request(`${BASE}/sign-in/guess-${i}`, { method: 'POST', headers: { origin: BASE } })).status).toBe(404);
    const limited = await app.request(`${BASE}/sign-in/guess-11`, { method: 'POST', headers: { origin: BASE } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(pageWords(await limited.text())).toContain('too many sign-in attempts from your address. Wait 15 minutes');
    ctx.clock.advance(15 * 60_000);
    const token = await linkToken(ctx, 'maya');
    expect((await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } })).status).toBe(303);
  });

  it('refuses a post without the session’s form token, and accepts sign-out with it', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    const { cookie, csrf } = await signInOver(app, ctx, 'maya');
    expect(csrf).not.toBe('');
    const form = (body: string) => ({ method: 'POST', headers: { cookie, origin: BASE, 'content-type': 'application/x-www-form-urlencoded' }, body });
    const forged = await app.request(`${BASE}/sign-out`, form('_csrf=not-the-token'));
    expect(forged.status).toBe(403);
    expect(pageWords(await forged.text())).toContain('did not come from a Liaison page');
    expect((await app.request(`${BASE}/account`, { headers: { cookie } })).status).toBe(200);
    const out = await app.request(`${BASE}/sign-out`, form(`_csrf=${csrf}`));
    expect(out.status).toBe(303);
    expect((await app.request(`${BASE}/account`, { headers: { cookie } })).status).toBe(401);
  });

  it('ends a revoked session: the next page asks to sign in', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    const { cookie } = await signInOver(app, ctx, 'sam');
    expect(await revokeSessions(ctx, { user: { platform: 'console', id: 'sam' } })).toEqual({ revoked: 1 });
    const response = await app.request(`${BASE}/account`, { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(pageWords(await response.text())).toContain('Sign in to see this page');
  });

  it('gives no link to someone with no team or role', async () => {
    const ctx = await testContext(database.current().db);
    expect(await issueSignInToken(ctx, { platform: 'console', id: 'outsider', name: 'Outsider' })).toEqual({ status: 'refused', reason: 'no_role' });
  });

  it('gives someone whose role was taken away a 403 page that says why', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    // Signed in while in Support; the config has since been changed.
    const before = { ...ctx, config: testConfig((c) => { c.teams.support?.members?.users?.push({ console: 'outsider' }); }) };
    const { cookie } = await signInOver(app, before, 'outsider');
    const response = await app.request(`${BASE}/account`, { headers: { cookie } });
    expect(response.status).toBe(403);
    const page = pageWords(await response.text());
    expect(page).toContain('does not list you in any team, among the community managers or in leadership');
    expect(page).toContain('roles.leadership');
  });

  it('answers an unknown page with a 404 in words, inside the session’s layout', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    const { cookie } = await signInOver(app, ctx, 'lee');
    const response = await app.request(`${BASE}/no-such-page`, { headers: { cookie } });
    expect(response.status).toBe(404);
    const page = pageWords(await response.text());
    expect(page).toContain('There is no page at this address');
    expect(page).toContain('Signed in as lee · leadership');
  });

  it('leaves intake and health to their own routes', async () => {
    const ctx = await testContext(database.current().db);
    const app = webApp(ctx);
    expect(await (await app.request(`${BASE}/healthz`)).json()).toEqual({ status: 'ok' });
    const intake = await app.request(`${BASE}/intake/nowhere`, { method: 'POST', body: '{}' });
    expect(intake.status).toBe(404);
    expect(intake.headers.get('content-type')).toContain('application/json');
  });
});
