import { once } from 'node:events';
import { Events, REST } from 'discord.js';
import type { Logger } from 'pino';
import { publicUrl, type Env } from '../../config/env.js';
import type { Clock } from '../../core/clock.js';
import type { Context } from '../../core/context.js';
import type { InboundHandler } from '../../jobs/inbound-retry-job.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { createDiscordClient } from './create-discord-client.js';
import { DiscordApi } from './delivery/discord-api.js';
import { DiscordChat } from './delivery/discord-chat.js';
import type { GatewayDeps } from './gateway/gateway-deps.js';
import { InFlight } from './gateway/in-flight.js';
import { retryable } from './gateway/inbound.js';
import { attachListeners } from './gateway/listeners.js';
import { captureMessageHandler, MESSAGE_EVENT } from './gateway/message-capture.js';
import { REACTION_EVENT, reactionHandler } from './gateway/reaction-events.js';
import { createInteractionDispatcher } from './interactions/dispatch-interaction.js';
import { discordSourceMap } from './source-map.js';

export interface DiscordAdapterOptions {
  ctx: Context;
  env: Pick<Env, 'DISCORD_TOKEN' | 'DISCORD_API_URL'> & Partial<Pick<Env, 'LIAISON_PUBLIC_URL' | 'PORT'>>;
  logger: Logger;
  clock: Clock;
}

export interface DiscordAdapter extends PlatformAdapter {
  readonly platform: 'discord';
  /** Resolves once every event received so far has been handled (for shutdown and tests). */
  whenIdle(): Promise<void>;
}

/**
 * Liaison on Discord: a gateway client that captures and listens for clicks, reactions and commands, and a ChatPort
 * that delivers the outbox over REST. The ChatPort works without the gateway, so deliveries continue while the
 * gateway reconnects.
 */
export function createDiscordAdapter({ ctx, env, logger: parentLogger, clock }: DiscordAdapterOptions): DiscordAdapter {
  const token = env.DISCORD_TOKEN;
  if (!token) throw new Error('createDiscordAdapter needs DISCORD_TOKEN');
  const logger = parentLogger.child({ platform: 'discord' });
  const coreCtx: Context = { ...ctx, clock, logger };
  const client = createDiscordClient(env.DISCORD_API_URL);
  const deps: GatewayDeps = { ctx: coreCtx, client, sources: discordSourceMap(ctx.config), logger, publicUrl: publicUrl(env) };
  const inFlight = new InFlight();
  // Deliveries get their own REST client that rejects on 429 instead of sleeping: the outbox reschedules them.
  const deliveryRest = new REST({ ...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}), rejectOnRateLimit: () => true, retries: 0 }).setToken(token);
  const chat = new DiscordChat(new DiscordApi(deliveryRest), ctx.config, logger, deps.publicUrl);
  const inboundHandlers = new Map<string, InboundHandler>([
    [MESSAGE_EVENT, retryable(captureMessageHandler(deps), logger)],
    [REACTION_EVENT, retryable(reactionHandler(deps), logger)],
  ]);
  attachListeners(client, deps, inFlight, createInteractionDispatcher(deps));
  return {
    platform: 'discord',
    chat,
    inboundHandlers,
    async start() {
      // login resolves once the gateway session is up; ready waits for the guilds, so caches are filled.
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
      logger.info({ user: client.user?.tag }, 'discord gateway connected');
    },
    async stop() {
      await client.destroy();
      await inFlight.idle();
    },
    whenIdle: () => inFlight.idle(),
  };
}
