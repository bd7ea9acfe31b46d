import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall { method: string; path: string; query: URLSearchParams; body: unknown; headers: IncomingMessage['headers'] }
export interface Answer { status: number; body?: unknown; headers?: Record<string, string> }
/** `lost`: the call takes effect but its answer never arrives (the connection drops after the work is done). */
export type Failure = Answer | { lost: true };
type Route = (call: RecordedCall, params: string[]) => Answer;

/**
 * A loopback HTTP API for tests: routes by method and path pattern, records every call, and can be told that the
 * next matching calls fail (a status of its choosing, or an answer that is lost after the effect).
 */
export class LoopbackApi {
  readonly calls: RecordedCall[] = [];
  private readonly routes: [string, RegExp, Route][] = [];
  private readonly failures: { method: string; path: RegExp; failure: Failure; times: number; when?: (call: RecordedCall) => boolean }[] = [];
  private server: Server | undefined;
  url = '';

  route(method: string, path: RegExp, handle: Route): this {
    this.routes.push([method, path, handle]);
    return this;
  }

  /** The next `times` calls matching method, path (and `when`, if given) fail this way. */
  failNext(method: string, path: RegExp, failure: Failure, times = 1, when?: (call: RecordedCall) => boolean): void {
    this.failures.push({ method, path, failure, times, when });
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => resolve(text));
    });
    const url = new URL(req.url ?? '/', 'http://loopback');
    const call: RecordedCall = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, body: raw ? (JSON.parse(raw) as unknown) : undefined, headers: req.headers };
    this.calls.push(call);
    const index = this.failures.findIndex((f) => f.method === call.method && f.path.test(call.path) && (f.when?.(call) ?? true));
    const failure = index >= 0 ? this.failures[index] : undefined;
    if (failure && (failure.times -= 1) <= 0) this.failures.splice(index, 1);
    if (failure && !('lost' in failure.failure)) return this.send(res, failure.failure);
    const answer = this.answer(call);
    if (failure) return void res.socket?.destroy();
    this.send(res, answer);
  }

  private answer(call: RecordedCall): Answer {
    for (const [method, pattern, handle] of this.routes) {
      const match = method === call.method ? pattern.exec(call.path) : null;
      if (match) return handle(call, match.slice(1));
    }
    return { status: 404, body: { message: `the double has no ${call.method} ${call.path}` } };
  }

  private send(res: ServerResponse, answer: Answer): void {
    res.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }
}
