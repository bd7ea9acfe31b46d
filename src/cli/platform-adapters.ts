import type { Logger } from 'pino';
import type { PlatformAdapter } from '../adapters/platform-adapter.js';
import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.js';
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.js';
import { discordEnabled, slackEnabled, type Env } from '../config/env.js';
import type { Context } from '../core/context.js';

/** The chat platforms whose credentials are set; with none, everything is delivered to the console. */
export async function platformAdapters(ctx: Context, env: Env, logger: Logger): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (slackEnabled(env)) adapters.push(createSlackAdapter({ ctx, env, logger, clock: ctx.clock }));
  if (discordEnabled(env)) adapters.push(createDiscordAdapter({ ctx, env, logger, clock: ctx.clock }));
  return adapters;
}
