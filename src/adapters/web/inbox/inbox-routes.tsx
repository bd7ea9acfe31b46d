import { Hono } from 'hono';
import { InboxFilter } from '../../../core/inbox/inbox-filter.js';
import { listInbox } from '../../../core/list-inbox.js';
import { describeIssues } from '../../../config/problems.js';
import { FlashMessage, takeFlash } from '../flash.js';
import { formTokens } from '../form-token.js';
import { itemHref } from '../item/item-routes.js';
import { CsrfField, Page } from '../layout.js';
import { badRequestPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { inboxPageBody } from './inbox-page-body.js';

const FILTER_WORDS = 'Accepted: status open, acknowledged or owned; age 1, 3, 7 or 30 (days waiting); escalated yes or no; a team, community or category from the lists; page a number.';

/** `/inbox`: the open routings of the viewer's teams, filtered by a plain GET form, with every card action. */
export function inboxRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/inbox', async (c) => {
    const q = c.req.query();
    const filter = InboxFilter.safeParse({ team: q.team, community: q.community, category: q.category, status: q.status, olderThanDays: q.age, escalated: q.escalated, page: q.page });
    if (!filter.success) return badRequestPage(c, <><p>This inbox filter did not make sense: {describeIssues(filter.error.issues).join('; ')}.</p><p>{FILTER_WORDS} <a href="/inbox">Show the whole inbox</a>.</p></>);
    const viewer = c.get('viewer');
    const inbox = await listInbox(deps.ctx, { viewer: viewer.actor, filter: filter.data });
    const csrfToken = c.get('csrfToken');
    const here = new URL(c.req.url);
    const pageHref = (page: number) => {
      const params = new URLSearchParams(here.search);
      params.set('page', String(page));
      return `/inbox?${params.toString()}`;
    };
    const kit = { csrf: <CsrfField token={csrfToken} />, token: formTokens(), back: `${here.pathname}${here.search}`, actionUrl: (id: number, verb: 'act' | 'escalate' | 'merge') => `/items/${id}/${verb}`, itemHref, teams: inbox.choices.teams.length > 0 ? Object.entries(deps.ctx.config.teams).map(([id, t]) => ({ id, name: t.name ?? id })) : [] };
    return c.html(
      <Page title="Inbox" viewer={viewer} csrfToken={csrfToken} active="inbox">
        <FlashMessage flash={takeFlash(c)} />
        {inboxPageBody(inbox, { itemHref, pageHref }, kit, deps.ctx.config.timezone)}
      </Page>,
    );
  });
  return app;
}
