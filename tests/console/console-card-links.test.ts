import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { issueSignInToken } from '../../src/core/issue-sign-in-token.js';
import { startLiaison, type RunningLiaison } from '../../src/main.js';
import { keywordClassifier } from '../fakes/keyword-classifier.js';
import { captureNew, discordMessage } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

describe('cards on the terminal console, with no chat credentials', () => {
  const database = useTestDatabase();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(extraEnv: Record<string, string> = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-console-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let printed = '';
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const db = database.current();
    const running: RunningLiaison = await startLiaison({
      // PORT 0: any free port, so the links can only be right if they are made once the server listens.
      env: parseEnv({ PORT: '0', HOST: '127.0.0.1', LIAISON_DATA_DIR: dataDir, ...extraEnv }),
      loaded: { config: testConfig(), path: 'test', isExample: false, webhookSecrets: new Map(), trackers: new Map(), outboundWebhooks: new Map() },
      database: { ...db, health: () => ({ ok: true }), shutdown: async () => {} },
      logger: pino({ level: 'silent' }),
      routingModel: { classifier: keywordClassifier(), refresh: async () => undefined },
      platforms: async () => [],
      roles: new Set(['web', 'worker']),
      out,
    });
    cleanups.push(() => running.stop());
    return { running, printed: () => printed };
  }

  it('end with the link to their item page, where a newcomer signed in by link sees the item and its buttons', async () => {
    const { running, printed } = await start();
    const captured = await captureNew(running.ctx, discordMessage('The export crashes on large gardens'));
    const link = `http://localhost:${running.port}/items/${captured.itemId}`;
    await waitFor(() => printed().includes(link));
    const card = printed().split('\n── ').find((block) => block.includes('The export crashes on large gardens')) ?? '';
    expect(card.trimEnd().split('\n').at(-2)).toBe('  [Acknowledge] [Take it] [Resolve] [Decline] [Pass on]');
    expect(card.trimEnd().split('\n').at(-1)).toBe(`  act on it in the web app: ${link}`);

    const base = `http://127.0.0.1:${running.port}`;
    const issued = await issueSignInToken(running.ctx, { platform: 'console', id: 'sam', name: 'Sam' });
    if (issued.status !== 'issued') throw new Error('no link');
    const signedIn = await fetch(`${base}/sign-in/${issued.token}`, { method: 'POST', headers: { origin: base }, redirect: 'manual' });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await fetch(link.replace('localhost', '127.0.0.1'), { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The export crashes on large gardens');
    expect(html).toMatch(/<button[^>]*>Take it<\/button>/);
  });

  it('link to LIAISON_PUBLIC_URL when it is set', async () => {
    const { running, printed } = await start({ LIAISON_PUBLIC_URL: 'https://liaison.fernhill.example/' });
    const captured = await captureNew(running.ctx, discordMessage('Pairing fails on the second sensor'));
    await waitFor(() => printed().includes(`in the web app: https://liaison.fernhill.example/items/${captured.itemId}\n`));
  });
});
