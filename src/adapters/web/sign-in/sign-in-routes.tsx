import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context as HonoContext } from 'hono';
import { redeemSignInToken } from '../../../core/redeem-sign-in-token.js';
import { revokeSessions } from '../../../core/revoke-sessions.js';
import { RateLimit } from '../rate-limit.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session-middleware.js';
import { errorPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { ContinuePage, RefusedPage, SignInPage } from './sign-in-pages.js';
import { preloadCharts } from '../../charts/render-svg.js';

/** Ten sign-in attempts per address every fifteen minutes. */
const ATTEMPTS = { limit: 10, windowMs: 15 * 60_000 };

/** The way in and out: the sign-in page, a link's landing page and its one-time exchange, and signing out. */
export function signInRoutes(deps: WebDeps): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const attempts = new RateLimit(deps.ctx.clock, ATTEMPTS.limit, ATTEMPTS.windowMs);
  const noStore = (c: HonoContext) => c.header('cache-control', 'no-store');

  routes.get('/', async (c, next) => {
    if (c.get('viewer')) return next();
    noStore(c);
    return c.html(<SignInPage reason={c.req.query('signed-out') === undefined ? undefined : 'signed_out'} />);
  });
  routes.get('/sign-in/:token', (c) => {
    noStore(c);
    // Signing in lands on Impact, whose charts need their modules: they load while the person reads this page.
    preloadCharts();
    return c.html(<ContinuePage action={`/sign-in/${encodeURIComponent(c.req.param('token'))}`} />);
  });
  routes.post('/sign-in/:token', async (c) => {
    noStore(c);
    const waitMs = attempts.hit(address(c));
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      c.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return errorPage(c, 429, <p>There have been too many sign-in attempts from your address. Wait {minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again with a new link.</p>);
    }
    const result = await redeemSignInToken(deps.ctx, { token: c.req.param('token').slice(0, 200) });
    if (result.status === 'refused') return c.html(<RefusedPage reason={result.reason} />, result.reason === 'unknown' ? 404 : 410);
    setSessionCookie(c, deps, result.sessionToken, result.expiresAt);
    return c.redirect('/', 303);
  });
  routes.post('/sign-out', async (c) => {
    const token = sessionToken(c, deps);
    if (token) await revokeSessions(deps.ctx, { sessionToken: token });
    clearSessionCookie(c, deps);
    return c.redirect('/?signed-out', 303);
  });
  return routes;
}

/** The peer's address as the socket saw it (a proxy in front should be trusted explicitly, never by default). */
function address(c: HonoContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
