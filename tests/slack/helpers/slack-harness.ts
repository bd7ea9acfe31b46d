import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach } from 'vitest';
import { createHttpApp } from '../../../src/adapters/http/http-app.js';
import { HttpMetrics } from '../../../src/adapters/http/metrics.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/create-slack-adapter.js';
import { parseEnv } from '../../../src/config/env.js';
import type { LiaisonConfig } from '../../../src/config/schema.js';
import type { Classifier } from '../../../src/core/classify/classifier.js';
import { OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import type { Db } from '../../../src/db/client.js';
import { RecordingChat } from '../../fakes/recording-chat.js';
import { testContext, type TestContext } from '../../helpers/test-context.js';
import { FakeSlackApi, type StoredMessage } from './fake-slack-api.js';
import { FakeSocketMode } from './fake-socket-mode.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackHarness {
  ctx: TestContext;
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  worker: OutboxWorker;
  /** Slack's Socket Mode endpoint, when the app was started with an app token (`socketMode: true`). */
  socket?: FakeSocketMode;
  /** Deliveries to platforms other than Slack (the support team lives on Discord in the test config). */
  others: RecordingChat;
  url: string;
  /** Posts a body to /slack/events signed as Slack signs it, at the test clock's time. */
  send(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  event(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  interaction(payload: Record<string, unknown>): Promise<Response>;
  command(fields: Record<string, string>): Promise<Response>;
  /** Waits for the work after the acknowledgements, then sends what the outbox holds through the fake Slack. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface SlackOptions {
  config?: LiaisonConfig;
  members?: Record<string, string[]>;
  classifier?: Classifier;
  socketMode?: boolean;
  history?: Record<string, StoredMessage>;
  beforeStart?: (fake: FakeSlackApi) => void;
  slept?: number[];
  socketPingTimeoutMs?: number;
  catchUpRequests?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** `startSlack` on the test's database, for a describe block: every app it starts is closed after each test, however the test ended. */
export function useSlackHarness(database: { current(): { db: Db } }): (options?: SlackOptions) => Promise<SlackHarness> {
  const running: SlackHarness[] = [];
  afterEach(async () => {
    for (const h of running.splice(0)) await h.close();
  });
  return async (options = {}) => {
    const h = await startSlack(database.current().db, options);
    running.push(h);
    return h;
  };
}

/**
 * The real Bolt app on Liaison's real HTTP app, on loopback, talking to a fake Slack Web API; with `socketMode`, it
 * is given an app token and takes its events over the fake's Socket Mode WebSocket instead.
 */
export async function startSlack(db: Db, options: SlackOptions = {}): Promise<SlackHarness> {
  const ctx = await testContext(db, { config: options.config, classifier: options.classifier });
  const fake = await new FakeSlackApi().start();
  for (const [group, users] of Object.entries(options.members ?? DEFAULT_MEMBERS)) fake.groups.set(group, users);
  // Messages already in Slack when the app starts (`channel:ts` → message), for the catch-up to find.
  for (const [key, message] of Object.entries(options.history ?? {})) fake.messages.set(key, message);
  options.beforeStart?.(fake);
  const socket = options.socketMode ? new FakeSocketMode(fake.httpServer) : undefined;
  if (socket) fake.socketUrl = `${fake.url.replace('http:', 'ws:')}/link`;
  const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, ...(socket ? { SLACK_APP_TOKEN: 'xapp-1-test-token' } : {}) });
  const sleep = async (ms: number) => {
    options.slept?.push(ms);
    if (options.sleep) return options.sleep(ms);
    ctx.clock.advance(ms);
  };
  const adapter = createSlackAdapter({ ctx, env, logger: ctx.logger, clock: ctx.clock, timeouts: { deliveryMs: 500, interactiveMs: 2_000 }, sleep, socketPingTimeoutMs: options.socketPingTimeoutMs, catchUpRequests: options.catchUpRequests });
  const app = createHttpApp({ ctx, webhookSecrets: new Map(), metrics: new HttpMetrics(ctx.db, ctx.clock), extend: [(hono) => adapter.mountHttp?.(hono)] });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await adapter.start();
  const others = new RecordingChat();
  const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { slack: adapter.chat, discord: others, console: others }, pacingMs: { slack: 0, discord: 0 }, sleep: async (ms) => void ctx.clock.advance(ms) });
  const send = (body: string, contentType: string, headers: Record<string, string> = {}) => {
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    return fetch(`${url}/slack/events`, { method: 'POST', body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body), ...headers } });
  };
  let closed: Promise<void> | undefined;
  return {
    ctx, fake, adapter, worker, socket, others, url, send,
    event: (body, headers) => send(JSON.stringify(body), 'application/json', headers),
    interaction: (payload) => send(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded'),
    command: (fields) => send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'),
    async settle() {
      await adapter.idle();
      await worker.drain();
    },
    // Once, however often it is called: a test may stop the app itself before the harness does.
    close() {
      closed ??= (async () => {
        await adapter.stop();
        socket?.close();
        server.close();
        await fake.close();
      })();
      return closed;
    },
  };
}

/** Slack user groups of the test organisation (see tests/helpers/test-config.ts). */
export const DEFAULT_MEMBERS: Record<string, string[]> = {
  S0PROD: ['U0PRIYA'],
  S0SALES: ['U0LENA'],
  S0CM: ['U0MAYA'],
};
