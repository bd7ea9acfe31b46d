import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Context } from '../../../core/context.js';
import type { DiscordSourceMap } from '../source-map.js';

/** What the gateway listeners share: the core context, the discord.js client, and the config's Discord lookups. */
export interface GatewayDeps {
  ctx: Context;
  client: Client;
  sources: DiscordSourceMap;
  logger: Logger;
  /** The base of links to the web app. */
  publicUrl: string;
}

export const inboundDeps = (deps: GatewayDeps) => ({ db: deps.ctx.db, clock: deps.ctx.clock, logger: deps.logger });
