import pino from 'pino';
import type { LiaisonConfig } from '../../src/config/schema.js';
import { systemClock } from '../../src/core/clock.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import type { Db } from '../../src/db/client.js';

/**
 * Signs a console user of the config in to a running Liaison at `base`, as a browser following a one-time link
 * does (the link's secret is issued straight in the database the bot uses); answers the session cookie.
 */
export async function signInTo(base: string, db: Db, config: LiaisonConfig, user: string): Promise<string> {
  const ctx = { db, config, clock: systemClock, logger: pino({ level: 'silent' }), classifier: { classify: () => { throw new Error('not used'); } } };
  const issued = await issueSignInToken(ctx, { platform: 'console', id: user, name: user });
  if (issued.status !== 'issued') throw new Error(`no sign-in link for ${user}: ${issued.reason}`);
  const response = await fetch(`${base}/sign-in/${issued.token}`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie) throw new Error(`signing ${user} in answered ${response.status} without a session`);
  return cookie;
}

/** Requests each page once with the session; every one must answer 200. Answers the milliseconds each took. */
export async function walkPages(base: string, cookie: string, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    times.push(performance.now() - started);
  }
  return times;
}
