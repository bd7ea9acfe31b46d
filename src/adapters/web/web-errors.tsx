import type { Context as HonoContext } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BarePage, Page } from './layout.js';
import type { WebEnv } from './web-env.js';

const TITLES: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'Not for you, sorry',
  404: 'Nothing here',
  409: 'That could not be done',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

/**
 * A page in words for anything that is not the page asked for: what happened and what to do about it. Inside a
 * session it keeps the navigation, so the way back is one click.
 */
export function errorPage(c: HonoContext<WebEnv>, status: ContentfulStatusCode, words: Child, title = TITLES[status] ?? 'That did not work') {
  const viewer = c.get('viewer');
  const body = (
    <div class="notice" role="alert">
      <p class="status">Error {status}</p>
      <h1>{title}</h1>
      {words}
    </div>
  );
  c.header('cache-control', 'no-store');
  return c.html(viewer ? <Page title={title} viewer={viewer} csrfToken={c.get('csrfToken')}>{body}</Page> : <BarePage title={title}>{body}</BarePage>, status);
}

export function notFoundPage(c: HonoContext<WebEnv>, words: Child = <p>There is no page at this address. It may have moved, or the link was mistyped. <a href="/">Go to the start page</a>.</p>) {
  return errorPage(c, 404, words);
}

export function forbiddenPage(c: HonoContext<WebEnv>, words: Child) {
  return errorPage(c, 403, words);
}

export function badRequestPage(c: HonoContext<WebEnv>, words: Child) {
  return errorPage(c, 400, words);
}
