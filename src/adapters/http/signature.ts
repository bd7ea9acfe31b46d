import { createHmac, timingSafeEqual } from 'node:crypto';

/** Accepted clock difference between the sender and us, either way: older requests may be replays. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/**
 * `v1=` + hex HMAC-SHA256 of `v1:<timestamp>:<raw body>`, the scheme Slack uses, so senders know it already. The body
 * is hashed as the bytes sent: a string is taken as UTF-8, bytes as they are (a BOM or an invalid byte included).
 */
export function signIntake(secret: string, timestamp: string, body: string | Uint8Array): string {
  return `v1=${hmacHex(secret, 'v1', timestamp, body)}`;
}

/** The HMAC-SHA256 Slack and Liaison sign with: `<version>:<timestamp>:<body bytes>`. */
export function hmacHex(secret: string, version: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${version}:${timestamp}:`).update(body).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyIntakeSignature(secret: string, headers: { timestamp?: string; signature?: string }, body: string | Uint8Array, now: Date): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Liaison-Timestamp or X-Liaison-Signature' };
  const stamp = checkTimestamp(timestamp, now);
  if (!stamp.ok) return { ok: false, reason: stamp.reason === 'not_seconds' ? 'X-Liaison-Timestamp must be Unix seconds' : 'timestamp outside the 5-minute window' };
  return sameSignature(signIntake(secret, timestamp, body), signature) ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** A request's Unix-seconds stamp is acceptable when it is within the replay window of now, in the past or the future. */
export function checkTimestamp(timestamp: string, now: Date): { ok: true } | { ok: false; reason: 'not_seconds' | 'outside_window' } {
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) return { ok: false, reason: 'not_seconds' };
  return Math.abs(now.getTime() - seconds * 1000) > REPLAY_WINDOW_MS ? { ok: false, reason: 'outside_window' } : { ok: true };
}

export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
