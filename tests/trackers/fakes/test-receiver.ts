import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { id: string; type: string; itemId: number; timestamp: number; verified: boolean }

/**
 * A webhook receiver as the README tells people to write one: verify the signature over timestamp and body, then
 * process each event id once. It can be down (503 with Retry-After) or lose its answers after processing.
 */
export class TestReceiver {
  readonly requests: Received[] = [];
  /** Events processed, once per id, in the order they were first seen. */
  readonly processed: Received[] = [];
  down: { retryAfter?: number } | undefined;
  loseAnswers = 0;
  private server: Server | undefined;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const timestamp = String(req.headers['x-liaison-timestamp']);
        const expected = Buffer.from(`v1=${createHmac('sha256', this.secret).update(`v1:${timestamp}:${body}`).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-liaison-signature']));
        const verified = expected.length === given.length && timingSafeEqual(expected, given);
        const event = JSON.parse(body) as { id: string; type: string; item: { id: number } };
        const received = { id: event.id, type: event.type, itemId: event.item.id, timestamp: Number(timestamp), verified };
        this.requests.push(received);
        if (this.down) return void res.writeHead(503, this.down.retryAfter ? { 'retry-after': String(this.down.retryAfter) } : {}).end();
        if (!verified) return void res.writeHead(401).end();
        if (!this.processed.some((p) => p.id === event.id)) this.processed.push(received);
        if (this.loseAnswers > 0) {
          this.loseAnswers -= 1;
          return void res.socket?.destroy();
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/liaison-events`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The types processed for one item, in order. */
  typesFor(itemId: number): string[] {
    return this.processed.filter((p) => p.itemId === itemId).map((p) => p.type);
  }
}
