import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKeepAlive, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from '../../src/adapters/http/keep-alive.js';
import { parseEnv } from '../../src/config/env.js';
import { startLiaison } from '../../src/main.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';

/**
 * Waiting out Node's 5 s default on the wall clock would make a slow test that proves little; what a sender's pool
 * goes by is the `Keep-Alive: timeout=` the server announces, and that the server holds itself to it.
 */
describe('HTTP keep-alive', () => {
  const database = useTestDatabase();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sets a keep-alive timeout longer than senders keep idle sockets, and a headers timeout above it', () => {
    const server = serve({ fetch: () => new Response('ok'), port: 0, hostname: '127.0.0.1' });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    applyKeepAlive(server);
    const http = server as typeof server & { keepAliveTimeout: number; headersTimeout: number };
    expect(http.keepAliveTimeout).toBe(65_000);
    expect(http.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    expect(HEADERS_TIMEOUT_MS).toBe(66_000);
  });

  it('the running bot tells a keep-alive sender it keeps idle connections 65 s, not 5', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-keep-alive-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const db = database.current();
    const running = await startLiaison({
      env: parseEnv({ PORT: '0', HOST: '127.0.0.1', LIAISON_DATA_DIR: dataDir }),
      loaded: { config: testConfig(), path: 'test', isExample: false, webhookSecrets: new Map(), trackers: new Map(), outboundWebhooks: new Map() },
      database: { ...db, health: () => ({ ok: true }), shutdown: async () => {} },
      logger: pino({ level: 'silent' }),
      routingModel: { classifier: keywordClassifier(), refresh: async () => undefined },
      platforms: async () => [],
      roles: new Set(['web']),
      out: new PassThrough(),
    });
    cleanups.push(() => running.stop());
    const agent = new Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const answer = await new Promise<{ status?: number; keepAlive: string | undefined }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: running.port, path: '/healthz', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, keepAlive: res.headers['keep-alive'] as string | undefined }));
      }).on('error', reject).end();
    });
    expect(answer).toEqual({ status: 200, keepAlive: 'timeout=65' });
  });
});
