import { createHmac, timingSafeEqual } from 'node:crypto';

/** Accepted clock difference between the sender and us: older requests may be replays. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** `v1=` + hex HMAC-SHA256 of `v1:<timestamp>:<raw body>`, the scheme Slack uses, so senders know it already. */
export function signIntake(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyIntakeSignature(secret: string, headers: { timestamp?: string; signature?: string }, body: string, now: Date): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Liaison-Timestamp or X-Liaison-Signature' };
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return { ok: false, reason: 'X-Liaison-Timestamp must be Unix seconds' };
  if (Math.abs(now.getTime() - seconds * 1000) > REPLAY_WINDOW_MS) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const expected = Buffer.from(signIntake(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
