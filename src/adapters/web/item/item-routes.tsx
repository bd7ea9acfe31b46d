import { Hono, type Context as HonoContext } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Actor } from '../../../core/actor.js';
import { escalate } from '../../../core/escalate.js';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { loadItemStory } from '../../../core/load-item-story.js';
import { mergeDuplicates } from '../../../core/merge-duplicates.js';
import { setFlash, takeFlash, FlashMessage } from '../flash.js';
import { formTokens, idempotencyKey, isFormToken, safeBack } from '../form-token.js';
import { CsrfField, Page } from '../layout.js';
import { badRequestPage, notFoundPage } from '../web-errors.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import type { FormError, FormKit } from './action-forms.js';
import { EscalateForm, MergeForm, RoutingForm, typedValues } from './action-input.js';
import { itemPageBody } from './item-page-body.js';
import { fieldErrorOf, routingDoneWords } from './outcome-words.js';
import { performRoutingAction } from './perform-routing-action.js';
import { errorWords } from '../../../delivery/error-words.js';

export const itemHref = (id: number) => `/items/${id}`;
const actionUrl = (id: number, verb: 'act' | 'escalate' | 'merge') => `/items/${id}/${verb}`;

/** Forms are named after what they are for: `r<routing>-decline`; the buttons of a routing share `r<routing>-buttons`. */
const FORM_OF: Record<string, string> = { decline: 'decline', pass_on: 'pass', snooze: 'snooze' };

/** Which form comes back when a post is refused, the fields its error may name, and where else to go back to. */
interface Refusal { form: string; action: string; fields: string[]; back: string }

/** One post about an item (`/items/:number/<verb>`): the form it reads, its verb, and where a refusal goes. */
interface ItemPost<F> {
  schema: z.ZodType<F>;
  /** Calls the verb; answers the sentence to show and the page to show it on. */
  run(id: number, form: F, actor: Actor): Promise<{ text: string; to: string }>;
  refusal(id: number, form: F): Refusal;
}

/** Infers an entry's form type from its schema, so each entry's functions are typed by their own form. */
const itemPost = <F,>(post: ItemPost<F>) => post;

/** `/items/:number`: an item's story, and the posts that act on it (each answered by a redirect back, with a flash). */
export function itemRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { ctx } = deps;

  app.get('/items/:number', async (c) => {
    const id = itemNumber(c.req.param('number'));
    if (!id) return notFoundPage(c, <p>Items are numbered, as in <a href="/items/12">/items/12</a>: “{c.req.param('number')}” is not an item number.</p>);
    return renderItem(c, id, 200);
  });

  /**
   * Every post about an item runs the same way: a known item number, a complete form with its token, the verb, then
   * a redirect with what was done, or the refusal (see `refused`). Each entry says only what differs.
   */
  const posts = {
    act: itemPost({
      schema: RoutingForm,
      run: async (id, form, actor) => ({ text: routingDoneWords(await performRoutingAction(ctx, actor, form), id, ctx.config), to: safeBack(form.back, itemHref(id)) }),
      refusal: (id, form) => ({ form: `r${form.routing}-${FORM_OF[form.action] ?? 'buttons'}`, action: form.action, fields: ['reason', 'toTeam'], back: safeBack(form.back, itemHref(id)) }),
    }),
    escalate: itemPost({
      schema: EscalateForm,
      run: async (id, form, actor) => {
        const done = await escalate(ctx, { itemId: id, team: form.team || undefined, priority: form.priority, reason: form.reason, actor, via: 'web', idempotencyKey: idempotencyKey(actor, form.form, 'escalate') });
        const team = ctx.config.teams[form.team ?? '']?.name ?? 'its team';
        return { text: `You escalated #${done.itemId} to ${team} (${form.priority} priority)${done.reopened ? ', and reopened it there' : ''}. The team’s on-call is paged under its card.`, to: itemHref(done.itemId) };
      },
      refusal: (id) => ({ form: 'escalate', action: 'escalate', fields: ['reason', 'team'], back: itemHref(id) }),
    }),
    merge: itemPost({
      schema: MergeForm,
      run: async (id, form, actor) => {
        const into = itemNumber(form.into.replace(/^#/, ''));
        if (!into) throw new DomainError('invalid_input', 'Give the number of the item to merge into, such as 12 or #12.', { fields: { into: 'not a number' } });
        const done = await mergeDuplicates(ctx, { into, duplicates: [id], actor, via: 'web', idempotencyKey: idempotencyKey(actor, form.form, 'merge') });
        return { text: `#${id} was merged into #${done.itemId}, which now has ${done.voices} ${done.voices === 1 ? 'voice' : 'voices'}; every author hears its outcome.`, to: itemHref(done.itemId) };
      },
      refusal: (id, form) => ({ form: form.form.split('.')[1] ?? 'merge', action: 'merge', fields: ['into'], back: itemHref(id) }),
    }),
  };
  app.post('/items/:number/act', (c) => handlePost(c, posts.act));
  app.post('/items/:number/escalate', (c) => handlePost(c, posts.escalate));
  app.post('/items/:number/merge', (c) => handlePost(c, posts.merge));

  async function handlePost<F extends { form: string }>(c: HonoContext<WebEnv>, post: ItemPost<F>) {
    const id = itemNumber(c.req.param('number') ?? '');
    if (!id) return notFoundPage(c);
    const body = await c.req.parseBody();
    const form = post.schema.safeParse(body);
    if (!form.success || !isFormToken(form.data.form)) return badRequestPage(c, <p>This form was incomplete, so nothing was recorded. Reload the item’s page and try again.</p>);
    try {
      const done = await post.run(id, form.data, c.get('viewer').actor);
      setFlash(c, { tone: 'done', text: done.text });
      return c.redirect(done.to, 303);
    } catch (error) {
      return refused(c, error, id, { ...post.refusal(id, form.data), values: typedValues(body) });
    }
  }

  /**
   * A refusal the person can fix (a missing reason, an unknown team) brings the form back with the error beside the
   * field; one they cannot (someone else got there first) goes back with the reason; a forbidden act is a 403 page.
   */
  async function refused(c: HonoContext<WebEnv>, error: unknown, id: number, form: Refusal & { values: Record<string, string> }) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'not_permitted' || error.code === 'not_found') throw error;
    if (error.code === 'invalid_input') {
      const { field, message } = fieldErrorOf(error, form.action, form.fields);
      return renderItem(c, id, 400, { form: form.form, field, message, values: form.values });
    }
    setFlash(c, { tone: 'refused', text: errorWords(error) });
    return c.redirect(form.back, 303);
  }

  async function renderItem(c: HonoContext<WebEnv>, id: number, status: ContentfulStatusCode, error?: FormError) {
    const viewer = c.get('viewer');
    const story = await loadItemStory(ctx, { itemId: id, viewer: viewer.actor });
    const csrfToken = c.get('csrfToken');
    const open = c.req.query('open');
    const kit: FormKit = { csrf: <CsrfField token={csrfToken} />, token: formTokens(), back: safeBack(error?.values.back ?? c.req.query('back'), itemHref(id)), actionUrl, itemHref, teams: story.teams, error, open: open && /^[a-z0-9-]{1,40}$/.test(open) ? open : undefined };
    const flash = takeFlash(c);
    const title = `#${id} ${story.item.title ?? story.item.text.slice(0, 60)}`;
    return c.html(
      <Page title={title} viewer={viewer} csrfToken={csrfToken} active="inbox">
        <FlashMessage flash={flash} />
        {error ? <div class="flash flash-refused" role="alert"><p>Nothing was recorded: {error.message}</p></div> : ''}
        {itemPageBody(story, kit, ctx.config.timezone, itemHref)}
      </Page>,
      status,
    );
  }

  return app;
}

/** "12" → 12; anything else is no item number. */
function itemNumber(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}
