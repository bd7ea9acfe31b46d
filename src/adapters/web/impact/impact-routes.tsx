import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { maySeeItem } from '../../../core/access-rules.js';
import { isDomainError } from '../../../core/errors.js';
import { buildImpact } from '../../../core/impact/build-impact.js';
import { buildSilosReport } from '../../../core/impact/build-silos-report.js';
import { ItemFilter } from '../../../core/impact/item-filter.js';
import { listFilteredItems } from '../../../core/impact/list-filtered-items.js';
import { listPublishedDigests } from '../../../core/impact/list-published-digests.js';
import { preloadCharts } from '../../charts/render-svg.js';
import { Page, type NavArea } from '../layout.js';
import { badRequestPage, errorPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { webLinks } from '../web-links.js';
import { digestArchiveBody } from './digest-archive-body.js';
import { impactPageBody } from './impact-page-body.js';
import { itemListBody } from './item-list-body.js';
import { periodProblemBody } from './period-problem-body.js';
import { silosPageBody } from './silos-page-body.js';

type Ctx = HonoContext<WebEnv>;

/** The period asked for: a custom range (`from`, `to`) wins over `period`; empty fields count as absent. */
export function askedPeriod(c: Ctx): string | undefined {
  const { period, from, to } = c.req.query();
  if (from || to) return `${from ?? ''}..${to ?? ''}`;
  return period || undefined;
}

const scopeOf = (c: Ctx) => ({ period: askedPeriod(c), team: c.req.query('team') || undefined, community: c.req.query('community') || undefined });

/** Renders a page; a period that does not parse is a 400 that names the accepted forms, anything else goes to the app's error page. */
async function page(c: Ctx, title: string, active: NavArea | undefined, body: () => Promise<unknown>) {
  try {
    const content = await body();
    return c.html(<Page title={title} viewer={c.get('viewer')} csrfToken={c.get('csrfToken')} active={active}>{content as never}</Page>);
  } catch (error) {
    if (isDomainError(error) && error.details.field === 'period') {
      return badRequestPage(c, periodProblemBody({ given: String(error.details.given ?? ''), reason: String(error.details.reason ?? ''), retryHref: c.req.path }));
    }
    throw error;
  }
}

/** Impact (the home page), Silos, the items behind any of their figures, and the digest archive. */
export function impactRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx } = deps;
  const routes = new Hono<WebEnv>();
  routes.get('/', (c) => page(c, 'Impact', 'impact', async () => {
    const scope = scopeOf(c);
    // The home page as everyone first sees it: while the warm-up is drawing it, its page rather than a second one beside it.
    const warming = Object.values(scope).every((v) => v === undefined) ? deps.warmUp?.underWay() : undefined;
    const warmed = warming && (await warming);
    if (warmed) return warmed;
    preloadCharts();
    return impactPageBody(await buildImpact(ctx, scope), webLinks.items);
  }));
  // The digest image of earlier releases linked to /impact; those links keep working.
  routes.get('/impact', (c) => c.redirect(webLinks.impact(c.req.query()), 301));
  routes.get('/silos', (c) => page(c, 'Silos', 'silos', async () => {
    preloadCharts();
    return silosPageBody(await buildSilosReport(ctx, scopeOf(c)), webLinks.items, webLinks.item);
  }));
  routes.get('/items', async (c) => {
    const query = c.req.query();
    const { page: pageNumber, ...rest } = query;
    const filter = ItemFilter.safeParse(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')));
    if (!filter.success) return badRequestPage(c, <p>This list of items needs a period (for example <a href="/items?period=quarter">/items?period=quarter</a>); the figures on the <a href="/">Impact</a> and <a href="/silos">Silos</a> pages link to theirs.</p>);
    const actor = c.get('viewer').actor;
    return page(c, 'Items', undefined, async () => {
      const list = await listFilteredItems(ctx, { filter: filter.data, page: z.coerce.number().int().min(1).catch(1).parse(pageNumber ?? 1) });
      const names = { team: (id: string) => ctx.config.teams[id]?.name ?? id, community: (id: string) => ctx.config.communities[id]?.name ?? id };
      return itemListBody(list, { itemHref: webLinks.item, pageHref: (p) => webLinks.items(filter.data, p), maySee: (item) => maySeeItem(actor, item.routings.map((r) => r.team)) }, names);
    });
  });
  routes.get('/digests', async (c) => {
    const team = c.req.query('team') || undefined;
    if (team !== undefined && !(team in ctx.config.teams)) return errorPage(c, 404, <p>There is no team called “{team}”. <a href="/digests">Every digest</a>.</p>);
    return page(c, 'Digests', 'digests', async () => {
      const archive = await listPublishedDigests(ctx, { team, page: z.coerce.number().int().min(1).catch(1).parse(c.req.query('page') ?? 1) });
      const pageHref = (p: number, t?: string) => `/digests?${new URLSearchParams({ ...(t ? { team: t } : {}), page: String(p) }).toString()}`;
      return digestArchiveBody(archive, { itemHref: webLinks.item, pageHref, impactHref: (period) => webLinks.impact({ period }) }, ctx.config.timezone);
    });
  });
  return routes;
}
