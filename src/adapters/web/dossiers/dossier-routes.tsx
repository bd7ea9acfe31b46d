import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { maySeeDossiers } from '../../../core/access-rules.js';
import { communityDossier } from '../../../core/community-dossier.js';
import { isDomainError } from '../../../core/errors.js';
import { listCommunities } from '../../../core/list-communities.js';
import { linkMemberIdentities } from '../../../core/link-member-identities.js';
import { memberDossier } from '../../../core/member-dossier.js';
import { IdentityRef } from '../../../core/members/identity-ref.js';
import { unlinkMemberIdentity } from '../../../core/unlink-member-identity.js';
import { CsrfField, Page } from '../layout.js';
import { forbiddenPage, notFoundPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { webLinks } from '../web-links.js';
import { communityListBody } from './community-list-body.js';
import { communityPageBody } from './community-page-body.js';
import { memberPageBody, type IdentityForms } from './member-page-body.js';
import { errorWords } from '../../../delivery/error-words.js';

type Ctx = HonoContext<WebEnv>;
const links = { itemHref: webLinks.item, memberHref: webLinks.member, communityHref: webLinks.community };
const MemberId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const IdentityForm = z.object({ platform: IdentityRef.shape.platform, id: z.string().trim().min(1).max(200) });

/** Member and Community dossiers (community managers and leadership), and linking identities (community managers). */
export function dossierRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx } = deps;
  const tz = ctx.config.timezone;
  const routes = new Hono<WebEnv>();
  routes.use('/members/*', refuseWithoutDossiers);
  routes.use('/communities', refuseWithoutDossiers);
  routes.use('/communities/*', refuseWithoutDossiers);

  routes.get('/communities', async (c) => c.html(<Page title="Communities" viewer={c.get('viewer')} csrfToken={c.get('csrfToken')} active="communities">{communityListBody(await listCommunities(ctx), webLinks.community, tz)}</Page>));
  routes.get('/communities/:key', async (c) => {
    const key = c.req.param('key');
    if (!(key in ctx.config.communities)) return notFoundPage(c, <p>There is no community called “{key}”. <a href="/communities">Every community</a>.</p>);
    const dossier = await communityDossier(ctx, { community: key });
    return c.html(<Page title={dossier.community.name} viewer={c.get('viewer')} csrfToken={c.get('csrfToken')} active="communities">{await communityPageBody(dossier, { ...links, impactHref: webLinks.impact({ community: key }) }, tz)}</Page>);
  });

  const showMember = async (c: Ctx, id: number, status: 200 | 400 | 404 | 409, formState?: Pick<IdentityForms, 'error' | 'given'>) => {
    const viewer = c.get('viewer');
    const dossier = await memberDossier(ctx, { memberId: id });
    const forms: IdentityForms | undefined = viewer.actor.isCommunityManager ? { linkAction: `/members/${id}/link`, unlinkAction: `/members/${id}/unlink`, csrf: <CsrfField token={c.get('csrfToken')} />, ...formState } : undefined;
    return c.html(<Page title={dossier.member.name || `Member #${id}`} viewer={viewer} csrfToken={c.get('csrfToken')} active="communities">{await memberPageBody(dossier, links, tz, forms)}</Page>, status);
  };
  const memberIdOf = (c: Ctx) => MemberId.safeParse(c.req.param('id'));
  const unknownMember = (c: Ctx) => notFoundPage(c, <p>There is no member #{c.req.param('id')}. Members are found through <a href="/search">search</a> or a community’s page.</p>);

  routes.get('/members/:id', async (c) => {
    const id = memberIdOf(c);
    if (!id.success) return unknownMember(c);
    try {
      return await showMember(c, id.data, 200);
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return unknownMember(c);
      throw error;
    }
  });

  // A refused or impossible link comes back on the member's page with the reason beside the field; nothing is recorded.
  routes.post('/members/:id/link', async (c) => {
    const id = memberIdOf(c);
    if (!id.success) return unknownMember(c);
    const form = await c.req.parseBody();
    const given = { platform: String(form.platform ?? ''), id: String(form.id ?? '') };
    const parsed = IdentityForm.safeParse(given);
    if (!parsed.success) return showMember(c, id.data, 400, { given, error: { field: parsed.error.issues[0]?.path[0] === 'platform' ? 'platform' : 'id', message: 'Give the platform and their ID there.' } });
    const dossier = await memberDossier(ctx, { memberId: id.data }).catch(() => undefined);
    const own = dossier?.member.identities[0];
    if (!own) return unknownMember(c);
    try {
      const linked = await linkMemberIdentities(ctx, { identities: [{ platform: own.platform as IdentityRef['platform'], id: own.id }, parsed.data], actor: c.get('viewer').actor, via: 'web' });
      return c.redirect(webLinks.member(linked.memberId), 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_permitted') throw error;
      return showMember(c, id.data, error.code === 'not_found' ? 404 : error.code === 'already_done' ? 409 : 400, { given, error: { field: 'id', message: errorWords(error) } });
    }
  });

  routes.post('/members/:id/unlink', async (c) => {
    const id = memberIdOf(c);
    if (!id.success) return unknownMember(c);
    const parsed = IdentityForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return showMember(c, id.data, 400, { error: { field: 'unlink', message: 'Say which identity to unlink.' } });
    try {
      await unlinkMemberIdentity(ctx, { identity: parsed.data, actor: c.get('viewer').actor, via: 'web' });
      return c.redirect(webLinks.member(id.data), 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_permitted') throw error;
      return showMember(c, id.data, error.code === 'not_found' ? 404 : 400, { error: { field: 'unlink', message: errorWords(error) } });
    }
  });
  return routes;
}

async function refuseWithoutDossiers(c: Ctx, next: () => Promise<void>) {
  if (maySeeDossiers(c.get('viewer').actor)) return next();
  return forbiddenPage(c, <p>Member and community histories are for community managers and leadership. You see your teams’ items in the <a href="/inbox">Inbox</a>, and the <a href="/">Impact</a> pages.</p>);
}
