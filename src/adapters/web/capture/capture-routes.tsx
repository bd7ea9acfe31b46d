import { randomBytes } from 'node:crypto';
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { mayDo } from '../../../core/access-rules.js';
import { captureByHand } from '../../../core/capture-by-hand.js';
import type { CaptureInput } from '../../../core/capture-feedback.js';
import { isDomainError } from '../../../core/errors.js';
import { CsrfField, Page } from '../layout.js';
import { forbiddenPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { webLinks } from '../web-links.js';
import { AUTHOR_KINDS, capturePageBody, type CaptureFormState } from './capture-page-body.js';
import { errorWords } from '../../../delivery/error-words.js';

type Ctx = HonoContext<WebEnv>;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** The form as posted: each field's own error, so the page can put it beside the field. */
const CaptureForm = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This form has expired; it was filled in again below.'),
  community: z.string().min(1, 'Choose a community.'),
  authorName: z.string().trim().min(1, 'Say who said it.').max(200, 'At most 200 characters.'),
  authorKind: z.enum(Object.keys(AUTHOR_KINDS) as [keyof typeof AUTHOR_KINDS]),
  authorId: z.preprocess(blank, z.string().trim().max(200, 'At most 200 characters.').optional()),
  title: z.preprocess(blank, z.string().trim().max(300, 'At most 300 characters.').optional()),
  text: z.string().trim().min(1, 'Write what they said.').max(40_000, 'At most 40,000 characters.'),
  permalink: z.preprocess(blank, z.url({ protocol: /^https?$/, error: 'A link starts with https:// or http://.' }).optional()),
  teams: z.array(z.string()).default([]),
  note: z.preprocess(blank, z.string().trim().max(2000, 'At most 2,000 characters.').optional()),
}).superRefine((form, issues) => {
  if (form.authorKind === 'email' && form.authorId && !z.email().safeParse(form.authorId).success) issues.addIssue({ code: 'custom', path: ['authorId'], message: 'That is not an e-mail address.' });
  if ((form.authorKind === 'slack' || form.authorKind === 'discord') && !form.authorId) issues.addIssue({ code: 'custom', path: ['authorId'], message: `Give their ${AUTHOR_KINDS[form.authorKind]}, or choose “Name only”.` });
});
type CaptureForm = z.infer<typeof CaptureForm>;

const newKey = () => randomBytes(18).toString('base64url');

/**
 * The author as the core knows people: a platform identity, so that what was captured joins their history there. A
 * capture from the web has no chat message to answer under, so it is stored as a form message (`webhook`): the
 * community's ambassador hears the outcome, not the author. Someone known by name only is a person of their own
 * (never merged with a namesake); a community manager links them to their other identities on the member page.
 */
function captureInput(form: CaptureForm, now: Date): CaptureInput {
  const author = form.authorKind === 'email' && form.authorId ? { platform: 'webhook' as const, id: form.authorId.toLowerCase() }
    : form.authorKind === 'slack' || form.authorKind === 'discord' ? { platform: form.authorKind, id: form.authorId as string }
      : { platform: 'webhook' as const, id: `web-capture:${form.key}` };
  return {
    community: form.community,
    message: { platform: 'webhook', channelId: 'web-capture', id: form.key, text: form.text, title: form.title, permalink: form.permalink, postedAt: now },
    author: { ...author, name: form.authorName },
    via: 'web',
    overrides: { teams: form.teams.length > 0 ? form.teams : undefined, note: form.note },
  };
}

/** Capture by hand, for community managers. A form submitted twice records one item (its key is the message ID). */
export function captureRoutes(deps: WebDeps): Hono<WebEnv> {
  const { ctx } = deps;
  const routes = new Hono<WebEnv>();
  const choices = {
    communities: Object.entries(ctx.config.communities).map(([id, c]) => ({ id, name: c.name ?? id })),
    teams: Object.entries(ctx.config.teams).map(([id, t]) => ({ id, name: t.name ?? id })),
  };
  const show = (c: Ctx, form: CaptureFormState, status: 200 | 400 = 200, done?: Parameters<typeof capturePageBody>[0]['done']) =>
    c.html(<Page title="Capture feedback" viewer={c.get('viewer')} csrfToken={c.get('csrfToken')} active="capture">{capturePageBody({ choices, form, csrf: <CsrfField token={c.get('csrfToken')} />, done })}</Page>, status);
  routes.use('/capture', async (c, next) => {
    if (mayDo(ctx.config, c.get('viewer').actor, { kind: 'capture_by_hand' })) return next();
    return forbiddenPage(c, <p>Capture by hand is for community managers. Members of a team can send a message to Liaison from chat (“Send to Liaison”).</p>);
  });
  routes.get('/capture', (c) => show(c, { key: newKey(), values: { community: c.req.query('community') }, errors: {} }));
  routes.post('/capture', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const one = (name: string) => (Array.isArray(body[name]) ? String((body[name] as unknown[])[0]) : typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const raw = { key: one('key'), community: one('community'), authorName: one('authorName'), authorKind: one('authorKind'), authorId: one('authorId'), title: one('title'), text: one('text'), permalink: one('permalink'), note: one('note'), teams: ([] as unknown[]).concat(body.teams ?? []).map(String) };
    const values = { ...raw, key: undefined };
    const parsed = CaptureForm.safeParse(raw);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'text'), i.message]));
      return show(c, { key: errors.key ? newKey() : (raw.key as string), values, errors }, 400);
    }
    try {
      const result = await captureByHand(ctx, { ...captureInput(parsed.data, ctx.clock.now()), capturedBy: c.get('viewer').actor, via: 'web' });
      if (result.status === 'ignored') throw new Error('a capture by hand is never skipped as chatter');
      const teams = result.status === 'created' ? result.routings.map((r) => ctx.config.teams[r.team]?.name ?? r.team) : [];
      return show(c, { key: newKey(), values: { community: parsed.data.community }, errors: {} }, 200, { itemId: result.itemId, duplicate: result.status === 'duplicate', teams, href: webLinks.item(result.itemId) });
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_permitted') throw error;
      // The core names the field it refuses (a team, the community, the text); anything else is shown by the text.
      const named = error.details.field;
      const field = typeof named === 'string' && named in CaptureForm.shape ? named : 'text';
      return show(c, { key: raw.key as string, values, errors: { [field]: errorWords(error) } }, 400);
    }
  });
  return routes;
}
