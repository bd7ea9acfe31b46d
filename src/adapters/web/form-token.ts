import { randomBytes } from 'node:crypto';

/**
 * Per-form tokens: each page view gets a fresh nonce, each form on it a name, and the pair becomes the verb's
 * idempotency key. A form sent twice (a double click, a resent POST) carries the same token and records once.
 */
export function formTokens(): (form: string) => string {
  const nonce = randomBytes(9).toString('base64url');
  return (form) => `${nonce}.${form}`;
}

const TOKEN = /^[A-Za-z0-9_-]{12}\.[A-Za-z0-9-]{1,60}$/;

export function isFormToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The idempotency key for one person's submission of one form (and, for a form of several buttons, one button). */
export function idempotencyKey(actor: { platform: string; id: string }, token: string, action: string): string {
  return `web:${actor.platform}:${actor.id}:${token}:${action}`;
}

/** Where to go after a form: a path on this site, never another host. */
export function safeBack(back: unknown, fallback: string): string {
  return typeof back === 'string' && /^\/(?![/\\])[^\s]*$/.test(back) && back.length <= 2_000 ? back : fallback;
}
