import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { findSession } from '../../core/find-session.js';
import { mayDo } from '../../core/access-rules.js';
import { errorPage } from './web-errors.js';
import { secureCookies, type WebDeps, type WebEnv } from './web-env.js';

/** Over https the `__Host-` prefix pins the cookie to this host and path, Secure. */
export function sessionCookieName(deps: WebDeps): string {
  return secureCookies(deps) ? '__Host-liaison_session' : 'liaison_session';
}

export function setSessionCookie(c: HonoContext, deps: WebDeps, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookieName(deps), token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secureCookies(deps), expires: expiresAt });
}

export function clearSessionCookie(c: HonoContext, deps: WebDeps): void {
  deleteCookie(c, sessionCookieName(deps), { path: '/', secure: secureCookies(deps) });
}

export function sessionToken(c: HonoContext, deps: WebDeps): string | undefined {
  return getCookie(c, sessionCookieName(deps));
}

/** Finds the browser's session, if any, and makes its viewer and form token available to every page. */
export function loadSession(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const token = sessionToken(c, deps);
    const session = token ? await findSession(deps.ctx, token) : undefined;
    if (session) {
      const { actor } = session;
      const teamNames = Object.entries(deps.ctx.config.teams).filter(([key]) => actor.teams.includes(key)).map(([key, team]) => team.name ?? key);
      c.set('viewer', { actor, sessionId: session.id, teamNames, mayCapture: mayDo(deps.ctx.config, actor, { kind: 'capture_by_hand' }) });
      c.set('csrfToken', session.csrfToken);
    }
    await next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request inside a session carries the session's form token (a hidden field, or the
 * `x-csrf-token` header): a form forged on another site cannot know it, so it is refused and records nothing.
 * Sign-in posts have no session yet; the origin check and the link's own secret guard them.
 */
export function requireFormToken(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.path.startsWith('/sign-in/')) return next();
    const expected = c.get('csrfToken');
    if (!expected) {
      if (c.req.path === '/sign-out') return next();
      return errorPage(c, 401, <p>Your session has ended, so nothing was recorded. <a href="/">Sign in again</a> and repeat what you were doing.</p>);
    }
    const sent = c.req.header('x-csrf-token') ?? formField(await c.req.parseBody().catch(() => ({})), '_csrf');
    if (!sent || !sameSecret(sent, expected)) {
      deps.ctx.logger.warn({ path: c.req.path, session: c.get('viewer')?.sessionId }, 'web form refused: its form token is missing or wrong');
      return errorPage(c, 403, <p>This form did not come from a Liaison page open in your browser (its security token is missing or out of date), so nothing was recorded. Go back, reload the page and try again.</p>, 'Form refused');
    }
    return next();
  };
}

function formField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
