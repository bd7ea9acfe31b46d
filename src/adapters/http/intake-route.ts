import type { Hono } from 'hono';
import { z } from 'zod';
import { friendlyIssue } from '../../config/friendly-issue.js';
import { describeIssues } from '../../config/problems.js';
import { captureChecked, type CaptureResult, type CheckedCapture } from '../../core/capture-feedback.js';
import type { Context } from '../../core/context.js';
import { isDomainError } from '../../core/errors.js';
import { cleanInbound } from '../../core/inert-text.js';
import { withinDeadline } from '../../db/availability.js';
import { errorWords } from '../../delivery/error-words.js';
import { bodyLimit } from './body-limit.js';
import type { HttpMetrics } from './metrics.js';
import { verifyIntakeSignature } from './signature.js';

export const MAX_INTAKE_BYTES = 64 * 1024;
/** Storing takes milliseconds; a database that has not answered by then gets the sender a 503 to retry (within 2 s). */
const STORE_DEADLINE_MS = 1800;

// PostgreSQL stores a lone surrogate as U+FFFD, so two ids differing only there would become one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text from outside, cleaned at the edge (NUL and other invisible controls removed), then checked for what is left. */
const cleaned = (max: number) => z.string().transform(cleanInbound).pipe(z.string().max(max));
const filled = (max: number) => cleaned(max).refine((s) => s.trim().length > 0, 'is empty once invisible characters are removed');
const key = (max: number) => filled(max).refine((s) => !LONE_SURROGATE.test(s), 'is not valid Unicode (it holds a lone surrogate)');

/** What a forum, form or helpdesk posts. `id` is the sender's own ID for the post: sending it twice is harmless. */
export const IntakeBody = z.object({
  id: key(200),
  text: filled(40_000),
  title: cleaned(300).optional(),
  // An email is the author's ID when given: bounded like one (320: RFC 5321's local part and domain).
  author: z.object({ id: key(320).optional(), email: z.email().max(320).optional(), name: filled(200) }),
  url: z.url().optional(),
  postedAt: z.iso.datetime({ offset: true }).optional(),
});

/** POST /intake/:sourceKey — signed webhook capture. Every refusal happens before anything is stored. */
export function mountIntake(app: Hono, ctx: Context, secrets: Map<string, string>, metrics: HttpMetrics): void {
  app.post(
    '/intake/:sourceKey',
    bodyLimit({ maxSize: MAX_INTAKE_BYTES }),
    async (c) => {
      const key = c.req.param('sourceKey');
      const secret = secrets.get(key);
      const outcome = (status: string) => metrics.intake.inc({ source: secret ? key : 'unknown', outcome: status });
      if (!secret) {
        outcome('unknown_source');
        return c.json({ error: `no intake source "${key}"` }, 404);
      }
      // Signed over the bytes as sent; only then decoded (a BOM dropped, an invalid byte read as U+FFFD).
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const check = verifyIntakeSignature(secret, { timestamp: c.req.header('x-liaison-timestamp'), signature: c.req.header('x-liaison-signature') }, bytes, ctx.clock.now());
      if (!check.ok) {
        outcome('unauthorised');
        return c.json({ error: check.reason }, 401);
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        outcome('invalid');
        return c.json({ error: 'body is not JSON' }, 400);
      }
      const body = IntakeBody.safeParse(json, { error: friendlyIssue });
      if (!body.success) {
        outcome('invalid');
        return c.json({ error: 'invalid feedback', problems: describeIssues(body.error.issues) }, 400);
      }
      try {
        const result = await withinDeadline(captureChecked(ctx, intakeCapture(key, body.data, ctx.clock.now())), STORE_DEADLINE_MS, 'intake');
        outcome(result.status);
        return c.json(intakeAnswer(result), 202);
      } catch (error) {
        if (isDomainError(error)) {
          outcome('refused');
          return c.json({ error: errorWords(error), code: error.code }, 422);
        }
        throw error;
      }
    },
  );
}

/**
 * The capture a parsed post makes. IntakeBody holds each field to CaptureInput's rules or stricter, so it goes to
 * capture without a second parse; the source key is one from the config (Key: a short slug).
 */
export function intakeCapture(key: string, body: z.output<typeof IntakeBody>, now: Date): CheckedCapture {
  const { id, text, title, author, url, postedAt } = body;
  return {
    source: { platform: 'webhook', id: key },
    message: { platform: 'webhook', channelId: key, id, text, title, tags: [], permalink: url, postedAt: postedAt ? new Date(postedAt) : now },
    author: { platform: 'webhook', id: author.email ?? author.id ?? `name:${author.name}`, name: author.name },
    via: 'webhook',
    overrides: {},
  };
}

/** What happened, for the sender: the item and the teams it reached, the item it already was, or that nothing was stored. */
function intakeAnswer(result: CaptureResult) {
  switch (result.status) {
    case 'created': return { status: 'created', itemId: result.itemId, teams: result.routings.map((r) => r.team) };
    case 'duplicate': return { status: 'duplicate', itemId: result.itemId };
    case 'ignored': return { status: 'ignored', reason: result.reason };
  }
}
