import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import hello from '../../fixtures/discord/gateway_hello_op10.json' with { type: 'json' };
import { APPLICATION_ID, BOT_USER, GUILD_ID, ROLE, type FakeState, type Json } from './fake-state.js';

interface Frame { op: number; d: unknown; s?: number | null; t?: string | null }
interface Session { id: string; seq: number; history: Frame[]; valid: boolean }

/**
 * Discord's gateway, speaking the real protocol to the real discord.js client: HELLO, IDENTIFY → READY and
 * GUILD_CREATE, heartbeats and their ACKs, dispatches with sequence numbers, RECONNECT and RESUME with replay of
 * what the client missed, INVALID_SESSION. As on Discord, GUILD_CREATE lists only active threads, not archived ones.
 */
export class FakeGateway {
  readonly identifies: Json[] = [];
  readonly resumes: Json[] = [];
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private session: Session | undefined;
  private heartbeatWaiters: ((seq: number) => void)[] = [];
  /** A session is established on the current connection (after READY or RESUMED). */
  private live = false;
  private sessionCount = 0;

  constructor(server: Server, private readonly state: FakeState, readonly url: string) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  /** Sends an event (t, d) to the client, numbered in the session so a resume can replay it. */
  dispatch(t: string, d: unknown): number {
    const session = this.session;
    if (!session) throw new Error('no gateway session: is the client connected?');
    const frame: Frame = { op: 0, t, s: ++session.seq, d };
    session.history.push(frame);
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
    return frame.s as number;
  }

  /** Sends an event again with a new sequence number, as Discord sometimes does. */
  redispatch(seq: number): void {
    const frame = this.session?.history.find((f) => f.s === seq);
    if (frame) this.dispatch(frame.t as string, frame.d);
  }

  /**
   * Resolves once the client has received everything dispatched so far: it asks for a heartbeat until one comes
   * back carrying the latest sequence number (a client reports a number only after handling that dispatch). While
   * the client is reconnecting there is no one to ask, so it waits for the session to be back.
   */
  async barrier(timeoutMs = 25_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.live) {
        const seen = await this.askForHeartbeat(250);
        if (seen !== undefined && seen >= (this.session?.seq ?? 0)) return;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    throw new Error('the client did not catch up with the gateway in time');
  }

  private askForHeartbeat(timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.heartbeatWaiters.push((seq) => {
        clearTimeout(timer);
        resolve(seq);
      });
      this.send({ op: 1, d: null });
    });
  }

  /** Op 7: the client should reconnect and resume. */
  requestReconnect(): void {
    this.send({ op: 7, d: null });
  }

  /** The connection drops without a goodbye; the session survives, so the client resumes. */
  dropConnection(): void {
    this.socket?.terminate();
    this.socket = undefined;
    this.live = false;
  }

  /** The next resume is refused (op 9): the client must identify again and start a new session. */
  invalidateSession(): void {
    if (this.session) this.session.valid = false;
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.socket = socket;
    this.live = false;
    socket.on('close', () => {
      if (socket === this.socket) this.live = false;
    });
    socket.on('message', (data) => this.receive(socket, JSON.parse(String(data)) as Frame));
    this.send(hello);
  }

  private receive(socket: WebSocket, frame: Frame): void {
    if (socket !== this.socket) return;
    switch (frame.op) {
      case 1: {
        this.send({ op: 11, d: null });
        const waiters = this.heartbeatWaiters.splice(0);
        for (const resolve of waiters) resolve(Number(frame.d ?? 0));
        return;
      }
      case 2:
        this.identifies.push(frame.d as Json);
        return this.startSession();
      case 6:
        this.resumes.push(frame.d as Json);
        return this.resume(frame.d as { session_id: string; seq: number });
    }
  }

  private startSession(): void {
    this.session = { id: `fake-session-${++this.sessionCount}`, seq: 0, history: [], valid: true };
    this.dispatch('READY', {
      v: 10, user: BOT_USER, guilds: [{ id: GUILD_ID, unavailable: true }], session_id: this.session.id, resume_gateway_url: this.url,
      shard: [0, 1], application: { id: APPLICATION_ID, flags: 0 }, private_channels: [], relationships: [], presences: [], user_settings: {}, _trace: ['fake-gateway'],
    });
    const channels = [...this.state.channels.values()].filter((c) => c.guild_id === GUILD_ID);
    this.dispatch('GUILD_CREATE', {
      id: GUILD_ID, name: 'Makers', icon: null, owner_id: '1', unavailable: false, member_count: this.state.members.size, large: false, joined_at: '2024-01-01T00:00:00.000Z',
      roles: [[GUILD_ID, '@everyone'], [ROLE.support, 'Support'], [ROLE.oncall, 'Support on-call'], [ROLE.communityManager, 'Community manager']]
        .map(([id, name], position) => ({ id, name, permissions: '0', position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })),
      channels: channels.filter((c) => c.type !== 11), threads: channels.filter((c) => c.type === 11 && !(c.thread_metadata as Json | undefined)?.archived), members: [], voice_states: [], presences: [], emojis: [], stickers: [],
      features: [], preferred_locale: 'en-US', verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, system_channel_flags: 0, premium_tier: 0, nsfw_level: 0,
    });
    this.live = true;
  }

  private resume(d: { session_id: string; seq: number }): void {
    const session = this.session;
    if (!session || session.id !== d.session_id || !session.valid) {
      this.send({ op: 9, d: false });
      return;
    }
    for (const frame of session.history.filter((f) => (f.s ?? 0) > d.seq)) this.send(frame);
    const resumed: Frame = { op: 0, t: 'RESUMED', s: ++session.seq, d: { _trace: ['fake-gateway'] } };
    session.history.push(resumed);
    this.send(resumed);
    this.live = true;
  }

  private send(frame: Frame): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
  }
}
