import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../src/adapters/http/metrics.js';
import type { ImpactWarmUp } from '../../src/adapters/web/impact/warm-up-impact.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import type { Context } from '../../src/core/context.js';
import type { TestContext } from '../helpers/test-context.js';

export const BASE = 'http://liaison.test';

/** Liaison's HTTP app with the web app mounted, driven in process (with the web process's warm-up, if given). */
export function webApp(ctx: TestContext, publicUrl = BASE, warmUp?: ImpactWarmUp) {
  return createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, ctx.clock), web: { ctx, publicUrl, warmUp } });
}

/** A sign-in link's secret for a console user of the config. */
export async function linkToken(ctx: Context, who: string): Promise<string> {
  const issued = await issueSignInToken(ctx, { platform: 'console', id: who, name: who });
  if (issued.status !== 'issued') throw new Error(`no sign-in link for ${who}: ${issued.reason}`);
  return issued.token;
}

/** Signs a console user in through a link, as a browser would; answers the session cookie and the page's form token. */
export async function signInOver(app: ReturnType<typeof webApp>, ctx: Context, who: string) {
  const token = await linkToken(ctx, who);
  const response = await app.request(`${BASE}/sign-in/${token}`, { method: 'POST', headers: { origin: BASE } });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const home = await (await app.request(`${BASE}/account`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? '';
  return { cookie, csrf, response };
}
