import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countedBodyLimit } from 'hono/body-limit';

/** The most any request may carry (Slack's interaction payloads are the largest Liaison takes, well below this). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What every route answers to a body past its limit: the sender learns the limit, whichever route they hit. */
const tooLarge = (maxSize: number) => (c: Context) => c.json({ error: `body larger than ${maxSize} bytes` }, 413);

/**
 * Hono's body limit, without building a full web Request for a body whose length is declared. Hono's own looks at
 * `c.req.raw.body` first, and on Node that turns the adapter's lightweight request into an undici Request with a web
 * stream over the socket (a third of the HTTP work of an intake post under load); the route then reads the body
 * through that stream instead of straight from the socket. A declared `content-length` is what Node's parser holds
 * the body to, so it is checked as declared; a streamed (chunked) body is still counted as it arrives, by Hono's.
 * Past the limit the answer is `tooLarge`'s unless a route gives its own.
 */
export function bodyLimit(options: { maxSize: number; onError?: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const onError = options.onError ?? tooLarge(options.maxSize);
  const counted = countedBodyLimit({ maxSize: options.maxSize, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > options.maxSize ? onError(c) : next();
    }
    return counted(c, next);
  };
}
