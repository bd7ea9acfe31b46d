import { describe, expect, it } from 'vitest';
import { signIntake, verifyIntakeSignature } from '../../src/adapters/http/signature.js';
import { retryDelayMs } from '../../src/delivery/retry-policy.js';

describe('retrying a delivery', () => {
  it('backs off exponentially from about two seconds up to an hour', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 10, 30].map((attempt) => retryDelayMs(attempt, undefined, middle))).toEqual([2_000, 4_000, 8_000, 1_024_000, 3_600_000]);
  });

  it('never retries before the platform said it may', () => {
    expect(retryDelayMs(1, 30_000, () => 0.5)).toBe(30_000);
  });
});

describe('the intake signature', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const timestamp = String(now.getTime() / 1000);

  it('is HMAC-SHA256 over version, timestamp and body, as Slack signs its requests', () => {
    // Computed independently: printf 'v1:1795435200:{"a":1}' | openssl dgst -sha256 -hmac secret-of-enough-length
    expect(signIntake('secret-of-enough-length', timestamp, '{"a":1}')).toBe('v1=ee6f0681eb5909d24e004400b7bd66d7c36e4ab0bcaa75333c2cc7b074d227e7');
  });

  it('accepts what it signed within five minutes and nothing else', () => {
    const signature = signIntake('s3cret-s3cret-s3cret', timestamp, 'body');
    expect(verifyIntakeSignature('s3cret-s3cret-s3cret', { timestamp, signature }, 'body', now)).toEqual({ ok: true });
    expect(verifyIntakeSignature('s3cret-s3cret-s3cret', { timestamp, signature }, 'body', new Date(now.getTime() + 301_000))).toMatchObject({ ok: false });
    expect(verifyIntakeSignature('s3cret-s3cret-s3cret', { timestamp, signature }, 'b0dy', now)).toMatchObject({ ok: false, reason: 'signature does not match' });
  });
});
