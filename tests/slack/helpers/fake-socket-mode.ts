import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Ack { envelope_id: string; payload?: Record<string, unknown> }
type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/**
 * Slack's Socket Mode endpoint, as the real @slack/socket-mode client meets it: the URL apps.connections.open handed
 * out, a `hello` on connect, then envelopes (`envelope_id`, `type`, `payload`, `retry_attempt`) that the app must
 * acknowledge by sending back `{ envelope_id, payload? }` over the same socket.
 */
export class FakeSocketMode {
  readonly acks: Ack[] = [];
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private readonly waiting = new Map<string, (ack: Ack) => void>();
  private connected: Promise<void>;
  private count = 0;

  constructor(server: Server) {
    this.wss = new WebSocketServer({ server, path: '/link' });
    this.connected = new Promise((resolve) => {
      this.wss.on('connection', (socket) => {
        this.socket = socket;
        this.count += 1;
        socket.on('message', (data: Buffer) => this.received(JSON.parse(data.toString()) as Ack));
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 }, connection_info: { app_id: 'A0LIAISON' } }));
        resolve();
      });
    });
  }

  /** Sends one envelope once the app is connected, and resolves with the app's acknowledgement of it. */
  async send(type: EnvelopeType, payload: Record<string, unknown>, retry = 0): Promise<Ack> {
    await this.connected;
    const envelopeId = randomUUID();
    const acked = new Promise<Ack>((resolve) => this.waiting.set(envelopeId, resolve));
    this.socket?.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: retry, retry_reason: retry ? 'timeout' : '' } : {}) }));
    return acked;
  }

  /** Drops the connection as a network failure would: the client reconnects through apps.connections.open. */
  dropConnection(): void {
    for (const client of this.wss.clients) client.terminate();
  }

  /** How many times the app has connected (a reconnect makes it two). */
  get connections(): number {
    return this.count;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private received(ack: Ack): void {
    this.acks.push(ack);
    this.waiting.get(ack.envelope_id)?.(ack);
    this.waiting.delete(ack.envelope_id);
  }
}
