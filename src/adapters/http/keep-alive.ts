import type { ServerType } from '@hono/node-server';

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than what senders' pools keep
 * idle sockets for (Node's own agents, load balancers: often 60 s), so a sender could write its next request onto a
 * socket the server was closing at that very moment and get ECONNRESET. The server has to be the side that waits
 * longer; shutdown closes idle connections at once (closeHttpServer), so this does not slow a stop.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Node requires the headers timeout to be longer than the keep-alive timeout, or it may cut a request just begun. */
export const HEADERS_TIMEOUT_MS = 66_000;

export function applyKeepAlive(server: ServerType): void {
  const http = server as ServerType & { keepAliveTimeout?: number; headersTimeout?: number };
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  http.headersTimeout = HEADERS_TIMEOUT_MS;
}
