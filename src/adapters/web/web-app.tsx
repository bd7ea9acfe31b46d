import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { MiddlewareHandler } from 'hono';
import { webRefusal } from '../../core/access-rules.js';
import { isDomainError } from '../../core/errors.js';
import { accountRoutes } from './account/account-routes.js';
import { captureRoutes } from './capture/capture-routes.js';
import { dossierRoutes } from './dossiers/dossier-routes.js';
import { impactRoutes } from './impact/impact-routes.js';
import { inboxRoutes } from './inbox/inbox-routes.js';
import { itemRoutes } from './item/item-routes.js';
import { searchRoutes } from './search/search-routes.js';
import { webSecurityHeaders } from './security-headers.js';
import { loadSession, requireFormToken } from './session-middleware.js';
import { signInRoutes } from './sign-in/sign-in-routes.js';
import { SignInPage } from './sign-in/sign-in-pages.js';
import { errorPage, notFoundPage } from './web-errors.js';
import type { WebDeps, WebEnv } from './web-env.js';
import { WEB_CSS, WEB_CSS_PATH } from './web-styles.js';
import { errorWords } from '../../delivery/error-words.js';

/**
 * The signed-in pages, one module per area (`<area>/<area>-routes.tsx`). Whoever builds an area adds its line; the
 * account page comes last, so that an area claiming `/` (Impact) is found first.
 */
const PAGES: ((deps: WebDeps) => Hono<WebEnv>)[] = [
  impactRoutes,
  inboxRoutes,
  itemRoutes,
  dossierRoutes,
  searchRoutes,
  captureRoutes,
  accountRoutes,
];

/**
 * Mounts the web app under `/`, after every other route of the HTTP server (intake, health, Slack, trackers answer
 * first): security headers, the origin check and the session's form token on every post, sign-in, then the pages
 * for people with a role in the config, and pages in words for what is missing, refused or broken.
 */
export function mountWeb(app: Hono, deps: WebDeps): void {
  const web = new Hono<WebEnv>();
  web.use(webSecurityHeaders());
  web.use(originCheck(deps));
  web.use(loadSession(deps));
  web.use(requireFormToken(deps));
  web.get(WEB_CSS_PATH, (c) => c.body(WEB_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));
  web.route('/', signInRoutes(deps));
  web.use(async (c, next) => {
    const viewer = c.get('viewer');
    if (!viewer) {
      c.header('cache-control', 'no-store');
      return c.html(<SignInPage reason="needed" />, 401);
    }
    if (webRefusal(viewer.actor) === 'no_role') {
      const { actor } = viewer;
      return errorPage(c, 403, (
        <>
          <p>You are signed in as {actor.name} ({actor.platform} user {actor.id}), but Liaison’s config does not list you in any team, among the community managers or in leadership, so there is nothing here you may see.</p>
          <p>Ask whoever runs Liaison to add you to a team’s <code>members</code>, to <code>roles.communityManagers</code>, or to <code>roles.leadership</code> (read only), then sign in again with a new link.</p>
        </>
      ), 'You have no role in Liaison');
    }
    c.header('cache-control', 'no-store');
    return next();
  });
  for (const routes of PAGES) web.route('/', routes(deps));
  web.notFound((c) => notFoundPage(c));
  web.onError((error, c) => {
    if (isDomainError(error)) {
      const status = error.code === 'not_found' ? 404 : error.code === 'not_permitted' ? 403 : error.code === 'invalid_input' ? 400 : 409;
      return errorPage(c, status, <p>{errorWords(error)}</p>);
    }
    deps.ctx.logger.error({ err: error, path: c.req.path }, 'web page failed');
    return errorPage(c, 500, <p>Liaison could not show this page. The problem has been logged; try again in a moment.</p>);
  });
  app.route('/', web);
  app.notFound((c) => notFoundPage(c as never));
}

/**
 * Posts must come from Liaison's own pages (hono/csrf compares Origin and Sec-Fetch-Site); behind a proxy the
 * public address is what browsers send as Origin.
 */
function originCheck(deps: WebDeps): MiddlewareHandler<WebEnv> {
  const allowed = new URL(deps.publicUrl).origin;
  const check = csrf({ origin: (origin, c) => origin === allowed || origin === new URL(c.req.url).origin });
  return async (c, next) => {
    let passed = false;
    try {
      return await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (error) {
      if (passed || !(error instanceof HTTPException) || error.status !== 403) throw error;
      return errorPage(c, 403, <p>This form was sent from another site, so nothing was recorded. Use Liaison’s own pages to make changes.</p>, 'Form refused');
    }
  };
}
