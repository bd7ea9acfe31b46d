import type { Logger } from 'pino';
import type { PlatformAdapter } from '../adapters/platform-adapter.js';
import { discordEnabled, slackEnabled, type Env } from '../config/env.js';
import type { Context } from '../core/context.js';

/**
 * The chat platforms whose credentials are set; with none, everything is delivered to the console. Each SDK is
 * loaded only when used: Bolt and discord.js together weigh about 50 MB of memory (`npm run bench -- rss`).
 */
/** Loads the SDKs of the platforms whose credentials are set, ahead of platformAdapters (which then finds them loaded). */
export async function loadPlatformAdapters(env: Env): Promise<void> {
  await Promise.all([
    slackEnabled(env) ? import('../adapters/slack/create-slack-adapter.js') : undefined,
    discordEnabled(env) ? import('../adapters/discord/create-discord-adapter.js') : undefined,
  ]);
}

export async function platformAdapters(ctx: Context, env: Env, logger: Logger): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (slackEnabled(env)) {
    const { createSlackAdapter } = await import('../adapters/slack/create-slack-adapter.js');
    adapters.push(createSlackAdapter({ ctx, env, logger, clock: ctx.clock }));
  }
  if (discordEnabled(env)) {
    const { createDiscordAdapter } = await import('../adapters/discord/create-discord-adapter.js');
    adapters.push(createDiscordAdapter({ ctx, env, logger, clock: ctx.clock }));
  }
  return adapters;
}
