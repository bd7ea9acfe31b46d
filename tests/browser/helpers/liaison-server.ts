import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { createHttpApp } from '../../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../../src/adapters/http/metrics.js';
import type { LiaisonConfig } from '../../../src/config/schema.js';
import type { Context } from '../../../src/core/context.js';
import { issueSignInToken } from '../../../src/core/issue-sign-in-token.js';
import type { Db } from '../../../src/db/client.js';
import { testContext, type TestContext } from '../../helpers/test-context.js';

export interface LiaisonServer {
  url: string;
  ctx: TestContext;
  close(): Promise<void>;
}

/**
 * Liaison's HTTP app (intake, health, the web app) on a free loopback port, on a test database, with a given config
 * and the test's hand-driven clock. `ctx` may come from another harness (the Slack double's) to share its outbox.
 */
export async function startLiaisonServer(db: Db, options: { config?: LiaisonConfig; now?: string; ctx?: TestContext; extend?: Parameters<typeof createHttpApp>[0]['extend'] } = {}): Promise<LiaisonServer> {
  // The browser keeps cookies by the real clock, so the app's clock starts at the real now unless told otherwise.
  const ctx = options.ctx ?? (await testContext(db, { config: options.config, now: options.now ?? new Date().toISOString() }));
  // The app needs its own address (its public URL), known once the server listens.
  const holder: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: (request) => (holder.fetch as NonNullable<typeof holder.fetch>)(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, ctx.clock), extend: options.extend, web: { ctx, publicUrl: url } });
  holder.fetch = app.fetch;
  return { url, ctx, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A one-time sign-in link for a user of the config, as `/liaison web` or `liaison web-link` would give. */
export async function signInLinkFor(ctx: Context, url: string, user: string | { platform: 'slack' | 'discord' | 'console'; id: string; name: string; groups?: string[] }): Promise<string> {
  const who = typeof user === 'string' ? { platform: 'console' as const, id: user, name: user[0]?.toUpperCase() + user.slice(1) } : user;
  const issued = await issueSignInToken(ctx, who);
  if (issued.status !== 'issued') throw new Error(`no sign-in link for ${who.id}: ${issued.reason}`);
  return `${url}/sign-in/${issued.token}`;
}

/** Signs the browser page in as a configured user through a link and its Sign in button; lands on `/`. */
export async function signIn(page: Page, server: { url: string; ctx: Context }, user: Parameters<typeof signInLinkFor>[2]): Promise<void> {
  await page.goto(await signInLinkFor(server.ctx, server.url, user));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}/`);
}
