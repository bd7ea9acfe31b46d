import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-gateway.js';
import { FakeRest } from './fake-rest.js';
import { FakeState } from './fake-state.js';

export const FAKE_TOKEN = 'fake-discord-bot-token-for-tests';

/** A loopback Discord: REST under /api, the gateway under /gateway, sharing one model of the guild. */
export class FakeDiscord {
  readonly state: FakeState;
  readonly rest: FakeRest;
  gateway!: FakeGateway;
  apiUrl = '';
  private readonly server: Server;

  constructor(now: () => Date) {
    this.state = new FakeState(now);
    this.rest = new FakeRest(this.state, FAKE_TOKEN);
    this.server = createServer((req, res) => void this.rest.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.rest.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.gateway = new FakeGateway(this.server, this.state, this.rest.gatewayUrl);
    // Discord tells the bot of a thread it started, so its client knows the thread when people react in it.
    this.rest.onThreadStarted = (thread) => this.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
