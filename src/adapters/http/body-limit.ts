import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countedBodyLimit } from 'hono/body-limit';

/**
 * Hono's body limit, without building a full web Request for a body whose length is declared. Hono's own looks at
 * `c.req.raw.body` first, and on Node that turns the adapter's lightweight request into an undici Request with a web
 * stream over the socket (a third of the HTTP work of an intake post under load); the route then reads the body
 * through that stream instead of straight from the socket. A declared `content-length` is what Node's parser holds
 * the body to, so it is checked as declared; a streamed (chunked) body is still counted as it arrives, by Hono's.
 */
export function bodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counted = countedBodyLimit(options);
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > options.maxSize ? options.onError(c) : next();
    }
    return counted(c, next);
  };
}
