import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import YAML from 'yaml';
import type { LiaisonConfigInput } from '../../src/config/schema.js';
import { readPostmasterLock, readRunning, PASSWORD_FILE } from '../../src/db/data-dir.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { FakeDiscord, FAKE_TOKEN } from '../../tests/discord/fakes/fake-discord.js';
import { registerPeople } from '../../tests/discord/fakes/payloads.js';
import { TEST_CONFIG_INPUT } from '../../tests/helpers/test-config.js';
import { FakeSlackApi } from '../../tests/slack/helpers/fake-slack-api.js';
import { SIGNING_SECRET } from '../../tests/slack/helpers/slack-harness.js';
import { Bot } from './bot.js';

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * One test's surroundings, all on loopback: a Slack and a Discord double (the tests' own fakes), a config file for
 * the tests' small organisation, a scratch folder, and the bots it starts. `close()` stops what it started.
 */
export class World {
  readonly dir = mkdtempSync(join(tmpdir(), 'liaison-faults-'));
  readonly bots: Bot[] = [];
  slack!: FakeSlackApi;
  discord!: FakeDiscord;
  private shared: EmbeddedDatabase | undefined;
  private readonly connections = new Map<string, postgres.Sql>();

  static async open(options: { digestEveryMinute?: boolean } = {}): Promise<World> {
    const world = new World();
    // As root, the embedded server runs as the `postgres` user, which must reach the data folders inside.
    chmodSync(world.dir, 0o755);
    world.slack = await new FakeSlackApi().start();
    world.discord = await new FakeDiscord(() => new Date()).start();
    registerPeople(world.discord.state);
    const config: LiaisonConfigInput = structuredClone(TEST_CONFIG_INPUT);
    if (options.digestEveryMinute) config.digests = { leadership: { home: { slack: 'C0LEADERS' }, schedule: '* * * * *' }, teams: {} };
    writeFileSync(world.configPath, YAML.stringify(config));
    return world;
  }

  get configPath(): string {
    return join(this.dir, 'liaison.yaml');
  }

  /** The embedded server's folder of a bot started on the default embedded database. */
  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A PostgreSQL server of the suite's own (the project's embedded one), for bots given DATABASE_URL. */
  async sharedDatabase(): Promise<string> {
    this.shared ??= await startEmbeddedPostgres(join(this.dir, 'shared'), pino({ level: 'silent' }), 'liaison');
    return this.shared.url;
  }

  async bot(name: string, database: { url: string } | 'embedded'): Promise<Bot> {
    const env: Record<string, string> = {
      LIAISON_CONFIG: this.configPath,
      SLACK_BOT_TOKEN: 'xoxb-faults-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${this.slack.url}/api/`,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: this.discord.apiUrl,
      ...(database === 'embedded' ? { LIAISON_DATA_DIR: this.dataDir } : { DATABASE_URL: database.url }),
    };
    const bot = new Bot(name, await freePort(), env, join(this.dir, `${name}.log`));
    this.bots.push(bot);
    return bot;
  }

  /** The embedded database of `dataDir`, as the CLI finds it beside a running bot. */
  async embeddedUrl(): Promise<string | undefined> {
    const running = await readRunning(this.dataDir);
    if (!running) return undefined;
    const password = readFileSync(join(this.dataDir, PASSWORD_FILE), 'utf8').trim();
    return `postgres://liaison:${password}@127.0.0.1:${running.databasePort}/liaison`;
  }

  /** The postmaster of a database folder, and every backend it runs: what SIGSTOP must reach to pause the server. */
  clusterPids(which: 'embedded' | 'shared'): number[] {
    const lock = readPostmasterLock(resolve(which === 'embedded' ? this.dataDir : join(this.dir, 'shared'), 'pg'));
    if (!lock) return [];
    const children = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === lock.pid ? [Number(p)] : [];
      } catch {
        return [];
      }
    });
    return [lock.pid, ...children];
  }

  /**
   * Queries for counting what was stored, one connection per database URL (a restarted bot's embedded server has a
   * new port) and per `channel`, so that a sampler running beside the counting does not share its connection.
   */
  async query<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = [], channel = 'count'): Promise<T[]> {
    const key = `${channel} ${url}`;
    let sql = this.connections.get(key);
    if (!sql) {
      sql = postgres(url, { max: 1, connect_timeout: 5, idle_timeout: 5, onnotice: () => {} });
      this.connections.set(key, sql);
    }
    return (await sql.unsafe(text, params as never[])) as unknown as T[];
  }

  async close(): Promise<void> {
    for (const bot of this.bots) if (bot.alive) await bot.stop();
    // A bot killed with -9 may have left its embedded server behind; the next start would adopt it, but there is none.
    const orphan = readPostmasterLock(resolve(this.dataDir, 'pg'));
    if (orphan) {
      try {
        process.kill(orphan.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
    for (const sql of this.connections.values()) await sql.end({ timeout: 1 }).catch(() => {});
    await this.shared?.stop();
    await this.slack.close();
    await this.discord.stop();
    // FAULTS_KEEP=1 keeps the folder (each bot's log, the config) to look into a result.
    if (process.env.FAULTS_KEEP === '1') process.stderr.write(`kept ${this.dir}\n`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Slack posts and Discord messages Liaison made, and how many of them are the same delivery made twice. */
export function postsSeen(world: World): { slack: number; discord: number; doubled: number } {
  const slackKeys = world.slack.posts().map((p) => {
    const payload = (p.metadata as { event_payload?: { key?: string; part?: number } } | undefined)?.event_payload;
    return payload?.key ? `${payload.key}#${payload.part ?? 0}` : undefined;
  }).filter((k): k is string => k !== undefined);
  const nonces: string[] = [];
  for (const channel of world.discord.state.messages.values()) {
    for (const message of channel.values()) if (typeof message.nonce === 'string') nonces.push(message.nonce);
  }
  const doubled = slackKeys.length - new Set(slackKeys).size + (nonces.length - new Set(nonces).size);
  return { slack: slackKeys.length, discord: nonces.length, doubled };
}

/** What the database holds of the intake posts whose ids start with `prefix`. */
export async function storedIntake(world: World, url: string, prefix: string): Promise<{ ids: Set<string>; items: number; deliveries: Record<string, number> }> {
  const rows = await world.query<{ message_id: string; item_id: string }>(url, `select message_id, item_id from voices where platform = 'webhook' and channel_id = 'forum' and message_id like $1`, [`${prefix}-%`]);
  const states = await world.query<{ status: string; n: string }>(url, 'select status, count(*) as n from deliveries group by status');
  return { ids: new Set(rows.map((r) => r.message_id)), items: new Set(rows.map((r) => r.item_id)).size, deliveries: Object.fromEntries(states.map((s) => [s.status, Number(s.n)])) };
}
