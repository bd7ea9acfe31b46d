import pino, { type Logger } from 'pino';
import { afterEach } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/create-discord-adapter.js';
import type { LiaisonConfig } from '../../../src/config/schema.js';
import type { Classifier } from '../../../src/core/classify/classifier.js';
import { OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import type { Db } from '../../../src/db/client.js';
import { RecordingChat } from '../../fakes/recording-chat.js';
import { testContext, type TestContext } from '../../helpers/test-context.js';
import { FakeDiscord, FAKE_TOKEN } from '../fakes/fake-discord.js';
import { registerPeople } from '../fakes/payloads.js';

export interface DiscordHarness {
  ctx: TestContext;
  discord: FakeDiscord;
  adapter: DiscordAdapter;
  worker: OutboxWorker;
  /** Stands in for the Slack adapter's ChatPort (built elsewhere): what Liaison would have posted to Slack. */
  slack: RecordingChat;
  /** Dispatches a gateway event and waits until Liaison has handled it. */
  send(t: string, d: unknown): Promise<void>;
  /** Waits until the client has received everything dispatched so far and Liaison has handled it. */
  settle(): Promise<void>;
  /** Runs the real outbox worker against the real Discord ChatPort until nothing is due. */
  deliver(): Promise<number>;
  startAdapter(): Promise<void>;
  /** Stops this adapter and starts a fresh one (a process restart): same database, same Discord. */
  restart(options?: { whileDown?: () => void | Promise<void> }): Promise<void>;
}

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * The real adapter (discord.js client, listeners, ChatPort) against the loopback fake Discord, on a fresh test
 * database. Stopped after each test.
 */
export function useDiscordHarness(database: { current(): { db: Db } }) {
  const running: { adapter?: DiscordAdapter; discord?: FakeDiscord }[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.adapter?.stop();
      await r.discord?.stop();
    }
  });
  return async function start(options: { config?: LiaisonConfig; classifier?: Classifier; connect?: boolean; logger?: Logger } = {}): Promise<DiscordHarness> {
    const log = options.logger ?? logger;
    const ctx = await testContext(database.current().db, { config: options.config, classifier: options.classifier });
    const discord = await new FakeDiscord(() => ctx.clock.now()).start();
    registerPeople(discord.state);
    const slack = new RecordingChat();
    const entry: { adapter?: DiscordAdapter; discord?: FakeDiscord } = { discord };
    running.push(entry);
    const build = () => {
      const adapter = createDiscordAdapter({ ctx, env: { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl }, logger: log, clock: ctx.clock });
      const worker = new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: log, ports: { discord: adapter.chat, slack, console: new RecordingChat() }, pacingMs: { discord: 0, slack: 0 }, sleep: async (ms) => void ctx.clock.advance(ms) });
      entry.adapter = adapter;
      return { adapter, worker };
    };
    const harness: DiscordHarness = {
      ctx, discord, slack, ...build(),
      async settle() {
        await discord.gateway.barrier();
        await harness.adapter.whenIdle();
      },
      async send(t, d) {
        discord.gateway.dispatch(t, d);
        await harness.settle();
      },
      deliver: () => harness.worker.drain(),
      async startAdapter() {
        await harness.adapter.start();
        await harness.settle();
      },
      async restart(restartOptions = {}) {
        await harness.adapter.stop();
        await restartOptions.whileDown?.();
        Object.assign(harness, build());
        await harness.startAdapter();
      },
    };
    if (options.connect !== false) await harness.startAdapter();
    return harness;
  };
}
