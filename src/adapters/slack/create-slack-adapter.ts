import { App, SocketModeReceiver } from '@slack/bolt';
import { WebClient, WebAPIPlatformError } from '@slack/web-api';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { publicUrl, type Env } from '../../config/env.js';
import type { Clock } from '../../core/clock.js';
import type { Context } from '../../core/context.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { BackgroundWork } from './background-work.js';
import { boltLogger } from './bolt-logger.js';
import { SlackCatchUp } from './catch-up.js';
import { HonoReceiver } from './hono-receiver.js';
import { registerListeners } from './listeners/register-listeners.js';
import { SlackChat } from './slack-chat.js';
import type { SlackDeps } from './slack-deps.js';
import { SlackDirectory } from './slack-directory.js';
import { SlackMessages } from './slack-messages.js';

export interface SlackAdapterOptions {
  ctx: Context;
  env: Env;
  logger: Logger;
  clock: Clock;
  /** Web API timeouts; tests shorten them to see a hung Slack quickly. */
  timeouts?: { deliveryMs?: number; interactiveMs?: number };
  /** How many requests are worked on at once after their acknowledgement (default 4). */
  workConcurrency?: number;
  /** How the catch-up waits out a 429 (tests move their clock instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** History calls per channel in one catch-up run (tests lower it). */
  catchUpRequests?: number;
  /** Socket Mode's ping timeout, which is also its wait before reconnecting (tests shorten it). */
  socketPingTimeoutMs?: number;
}

export interface SlackAdapter extends PlatformAdapter {
  /** Resolves when the work started by requests (and catch-ups) so far is done (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
}

/**
 * Liaison as a Slack app: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP at `/slack/events` on Liaison's
 * own server. Listeners store, acknowledge and hand the work to core verbs; SlackChat posts what the outbox holds.
 */
export function createSlackAdapter({ ctx, env, logger, clock, timeouts = {}, workConcurrency, sleep, socketPingTimeoutMs, catchUpRequests }: SlackAdapterOptions): SlackAdapter {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is required for the Slack adapter');
  const slackApiUrl = env.SLACK_API_URL ? env.SLACK_API_URL.replace(/\/?$/, '/') : undefined;
  const log = logger.child({ platform: 'slack' });
  const clientLogger = boltLogger(log);
  // Deliveries fail fast and leave the waiting to the outbox (a 429's Retry-After included); interactive calls
  // (views.open, lookups) retry once, since a person is waiting for them.
  const delivery = new WebClient(token, { slackApiUrl, logger: clientLogger, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: timeouts.deliveryMs ?? 10_000 });
  const interactive = { slackApiUrl, logger: clientLogger, retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1_000 }, timeout: timeouts.interactiveMs ?? 5_000 };
  const client = new WebClient(token, interactive);
  const work = new BackgroundWork(log, workConcurrency);
  const deps: SlackDeps = {
    ctx: { ...ctx, logger: log },
    client,
    directory: new SlackDirectory(client, ctx.config, clock, log),
    messages: new SlackMessages(client, log),
    work,
    logger: log,
    sources: slackSources(ctx),
    handlers: new Map(),
    publicUrl: publicUrl(env),
  };
  const http = env.SLACK_APP_TOKEN ? undefined : new HonoReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logger: log, clock });
  // Socket Mode opens its connection through apps.connections.open, which must honour SLACK_API_URL too (GovSlack,
  // proxies); Bolt hands the socket client only the installer's client options.
  const socket = http ? undefined : new SocketModeReceiver({ appToken: env.SLACK_APP_TOKEN as string, logger: clientLogger, installerOptions: { clientOptions: { slackApiUrl } }, ...(socketPingTimeoutMs ? { clientPingTimeout: socketPingTimeoutMs } : {}) });
  const receiver = http ?? (socket as SocketModeReceiver);
  // History is read with the delivery client: it rejects rate-limited calls, so the catch-up waits them out itself
  // instead of pausing the client every listener uses.
  const catchUp = new SlackCatchUp(deps, { client: delivery, sleep, maxRequests: catchUpRequests });
  // Every Socket Mode (re)connection may follow a gap Slack will not replay; in HTTP mode, only a start does.
  socket?.client.on('connected', () => catchUp.trigger());
  const identity = memoIdentity(client);
  const app = new App({ receiver, logger: clientLogger, clientOptions: interactive, authorize: async () => ({ botToken: token, ...(await identity()) }) });
  app.error(async (error) => {
    log.error({ err: error }, 'slack listener failed');
    throw error;
  });
  registerListeners(app, deps);

  return {
    platform: 'slack',
    chat: new SlackChat(delivery, ctx.config.timezone, clock, publicUrl(env)),
    mountHttp: http ? (hono: Hono) => http.mount(hono) : undefined,
    inboundHandlers: deps.handlers,
    async start() {
      try {
        await identity();
      } catch (error) {
        // A wrong token will not get better; an unreachable Slack might, and requests retry the lookup.
        if (error instanceof WebAPIPlatformError) throw new Error(`Slack refused the bot token: ${String(error.data.error)}`, { cause: error });
        log.warn({ err: error }, 'slack not reachable at start; will retry on the first request');
      }
      await app.start();
      if (http) catchUp.trigger();
      log.info({ mode: http ? 'http' : 'socket' }, 'slack adapter started');
    },
    async stop() {
      await catchUp.stop();
      await app.stop();
      await work.idle();
    },
    async idle() {
      await catchUp.idle();
      await work.idle();
    },
  };
}

/** auth.test once (the bot's IDs let Bolt ignore the bot's own messages); a failed lookup is tried again later. */
function memoIdentity(client: WebClient) {
  let known: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;
  return () => {
    known ??= client.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (error: unknown) => {
        known = undefined;
        throw error;
      },
    );
    return known;
  };
}

function slackSources(ctx: Context): Map<string, string> {
  const map = new Map<string, string>();
  for (const [community, c] of Object.entries(ctx.config.communities)) {
    for (const source of c.sources) if ('slack' in source) for (const channel of source.slack.channels) map.set(channel, community);
  }
  return map;
}
