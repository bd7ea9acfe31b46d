import { Hono } from 'hono';
import { z } from 'zod';
import { visibleTeams } from '../../../core/access-rules.js';
import { searchItems } from '../../../core/search-items.js';
import { Page } from '../layout.js';
import { badRequestPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { webLinks } from '../web-links.js';
import { searchPageBody } from './search-page-body.js';

const Query = z.object({ q: z.string().max(200).default(''), page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

/** Search from every page: words, a member, or an item number (which opens the item). */
export function searchRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx } = deps;
  const routes = new Hono<WebEnv>();
  routes.get('/search', async (c) => {
    const query = Query.safeParse(c.req.query());
    if (!query.success) return badRequestPage(c, <p>A search is at most 200 characters. <a href="/search">Search again</a>.</p>);
    const viewer = c.get('viewer');
    const teams = visibleTeams(viewer.actor);
    const result = await searchItems(ctx, { q: query.data.q, page: query.data.page, teams: teams === 'all' ? undefined : teams });
    if (result.jump !== undefined) return c.redirect(webLinks.item(result.jump), 303);
    const links = { itemHref: webLinks.item, memberHref: webLinks.member, pageHref: (p: number) => webLinks.search(result.q, p) };
    return c.html(<Page title={result.q ? `Search: ${result.q}` : 'Search'} viewer={viewer} csrfToken={c.get('csrfToken')} active="search" q={result.q}>{searchPageBody(result, links, ctx.config.timezone)}</Page>);
  });
  return routes;
}
