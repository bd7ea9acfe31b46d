import { and, eq } from 'drizzle-orm';
import { actions, deliveries } from '../../src/db/schema/index.js';
import type { TestContext } from '../helpers/test-context.js';
import { BASE, signInOver, webApp } from './web-http.js';

/** A signed-in browser, in process: GETs with its cookie, posts forms as a page would (form token and origin). */
export async function browserAs(ctx: TestContext, who: string) {
  const app = webApp(ctx);
  const session = await signInOver(app, ctx, who);
  let flashCookie = '';
  const cookie = () => [session.cookie, flashCookie].filter(Boolean).join('; ');
  const remember = (response: Response) => {
    const set = response.headers.get('set-cookie') ?? '';
    const flash = /liaison_flash=([^;]*)/.exec(set);
    if (flash) flashCookie = flash[1] ? `liaison_flash=${flash[1]}` : '';
    return response;
  };
  return {
    app,
    async get(path: string) {
      const response = remember(await app.request(`${BASE}${path}`, { headers: { cookie: cookie() } }));
      return { status: response.status, html: await response.text(), response };
    },
    async post(path: string, fields: Record<string, string>, options: { csrf?: string } = {}) {
      const body = new URLSearchParams({ _csrf: options.csrf ?? session.csrf, ...fields });
      const response = remember(await app.request(`${BASE}${path}`, { method: 'POST', body, headers: { cookie: cookie(), origin: BASE, 'content-type': 'application/x-www-form-urlencoded' } }));
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    },
  };
}

/** The per-form token a page rendered for one of its forms, e.g. `r3-buttons`. */
export function formToken(html: string, form: string): string {
  const match = new RegExp(`name="form" value="([A-Za-z0-9_-]{12}\\.${form})"`).exec(html);
  if (!match?.[1]) throw new Error(`no form ${form} on the page`);
  return match[1];
}

export async function ledger(ctx: TestContext, itemId: number) {
  return ctx.db.select({ kind: actions.kind, via: actions.via, actor: actions.actorName }).from(actions).where(eq(actions.itemId, itemId)).orderBy(actions.id);
}

export async function outbox(ctx: TestContext, kind: 'card_update' | 'loop_reply' | 'tracker_issue' | 'page') {
  return ctx.db.select({ key: deliveries.key, routingId: deliveries.routingId }).from(deliveries).where(and(eq(deliveries.kind, kind)));
}
