import { Hono, type Context as HonoContext } from 'hono';
import { Page, rolesLine } from '../layout.js';
import type { WebDeps, WebEnv } from '../web-env.js';

const PLATFORM = { slack: 'Slack', discord: 'Discord', console: 'the terminal console', webhook: 'a webhook', tracker: 'a tracker' } as const;

/** Who the viewer is to Liaison, which decides what they see; also the start page until another area claims `/`. */
export function accountRoutes(_deps: WebDeps): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const page = (c: HonoContext<WebEnv>) => {
    const viewer = c.get('viewer');
    const { actor } = viewer;
    return c.html(
      <Page title="Your account" viewer={viewer} csrfToken={c.get('csrfToken')} active="account">
        <h1>Your account</h1>
        <dl class="facts">
          <dt>Name</dt><dd>{actor.name}</dd>
          <dt>Signed in from</dt><dd>{PLATFORM[actor.platform]} ({actor.id})</dd>
          <dt>Teams and roles</dt><dd>{rolesLine(viewer)}</dd>
          <dt>You see</dt><dd>{actor.isCommunityManager || actor.isLeadership ? 'every item, team and community' : `the items routed to ${viewer.teamNames.join(', ')}, and the impact pages`}</dd>
          <dt>You may act</dt><dd>{actor.isCommunityManager ? 'on everything, including capture, escalation, merges and identity links' : actor.teams.length > 0 ? `on your teams’ routings (${viewer.teamNames.join(', ')})` : 'on nothing: leadership reads'}</dd>
        </dl>
      </Page>,
    );
  };
  routes.get('/account', page);
  routes.get('/', page);
  return routes;
}
