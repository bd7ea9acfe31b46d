import type { Context as HonoContext } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';

/** A sentence carried across the redirect after a form: what was done, or why it was not. */
export interface Flash {
  tone: 'done' | 'refused';
  text: string;
}

const COOKIE = 'liaison_flash';
const Stored = z.object({ tone: z.enum(['done', 'refused']), text: z.string().max(1_000) });

export function setFlash(c: HonoContext, flash: Flash): void {
  const value = Buffer.from(JSON.stringify({ tone: flash.tone, text: flash.text.slice(0, 1_000) })).toString('base64url');
  setCookie(c, COOKIE, value, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

/** Read once: the next page shows it and it is gone. Anything unreadable is dropped, never shown. */
export function takeFlash(c: HonoContext): Flash | undefined {
  const value = getCookie(c, COOKIE);
  if (!value) return undefined;
  deleteCookie(c, COOKIE, { path: '/' });
  try {
    const parsed = Stored.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The flash as the page shows it: a live region, so screen readers announce it after the redirect. */
export function FlashMessage(props: { flash: Flash | undefined }) {
  const { flash } = props;
  if (!flash) return '';
  return <div class={`flash flash-${flash.tone}`} role={flash.tone === 'refused' ? 'alert' : 'status'}><p>{flash.text}</p></div>;
}
