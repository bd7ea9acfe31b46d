import { REST } from 'discord.js';
import pino from 'pino';
import { WebClient } from '@slack/web-api';
import { DiscordApi } from '../../src/adapters/discord/delivery/discord-api.js';
import { DiscordChat } from '../../src/adapters/discord/delivery/discord-chat.js';
import { SlackChat } from '../../src/adapters/slack/slack-chat.js';
import { LiaisonConfig, type LiaisonConfigInput } from '../../src/config/schema.js';
import { captureFeedback } from '../../src/core/capture-feedback.js';
import { systemClock } from '../../src/core/clock.js';
import type { Context } from '../../src/core/context.js';
import { syncOrganisation } from '../../src/core/sync-organisation.js';
import type { ChatPort } from '../../src/delivery/chat-port.js';
import type { Db } from '../../src/db/client.js';
import { keywordClassifier } from '../../tests/fakes/keyword-classifier.js';
import type { PlatformRateLimits } from '../../tests/fakes/platform-rate-limits.js';
import { FakeDiscord, FAKE_TOKEN } from '../../tests/discord/fakes/fake-discord.js';
import { GUILD_ID } from '../../tests/discord/fakes/fake-state.js';
import { FakeSlackApi } from '../../tests/slack/helpers/fake-slack-api.js';
import { feedbackText } from './feedback-texts.js';

export type BenchPlatform = 'slack' | 'discord';

/** A home channel ID of the right shape for the platform. */
export const channelOf = (platform: BenchPlatform, index: number) => (platform === 'slack' ? `C0BUSY${String(index).padStart(3, '0')}` : String(1_300_000 + index));
export const teamOf = (index: number) => `team${String(index).padStart(3, '0')}`;

/** An organisation of `teams` teams, each with its own home channel on the platform, fed by one Slack source. */
export function busyConfig(platform: BenchPlatform, teams: number, patch: (input: LiaisonConfigInput) => void = () => {}): LiaisonConfig {
  const input: LiaisonConfigInput = {
    organisation: { name: 'Benchco' },
    teams: Object.fromEntries(Array.from({ length: teams }, (_, i) => [teamOf(i), { name: `Team ${i}`, home: platform === 'slack' ? { slack: channelOf(platform, i) } : { discord: channelOf(platform, i) } }])),
    communities: { launch: { name: 'Launch day', sources: [{ slack: { channels: ['C0SOURCE'] } }] } },
    routing: { fallback: teamOf(0) },
    // Every message is feedback here: none is skipped as chatter, so each channel gets exactly its share.
    capture: { noise: 'capture' },
  };
  patch(input);
  return LiaisonConfig.parse(input);
}

/** `perTeam` routed cards waiting for each of the first `teams` teams, captured as a launch-day burst leaves them. */
export async function seedCards(db: Db, config: LiaisonConfig, teams: number, perTeam: number): Promise<Context> {
  await syncOrganisation(db, config);
  const ctx: Context = { db, config, clock: systemClock, logger: pino({ level: 'silent' }), classifier: keywordClassifier() };
  let next = 0;
  const total = teams * perTeam;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < total) {
      const i = next++;
      await captureFeedback(ctx, {
        source: { platform: 'slack', id: 'C0SOURCE' },
        message: { platform: 'slack', channelId: 'C0SOURCE', id: `1790000000.${String(i).padStart(6, '0')}`, text: feedbackText(i), postedAt: new Date() },
        author: { platform: 'slack', id: `U0M${i % 500}`, name: `member ${i % 500}` },
        via: 'message',
        overrides: { teams: [teamOf(i % teams)] },
      });
    }
  }));
  return ctx;
}

/** The platform's real ChatPort against its loopback double, which enforces the platform's rate limits on the wall clock. */
export async function limitedPlatform(platform: BenchPlatform, config: LiaisonConfig, channels: number): Promise<{ port: ChatPort; limits: PlatformRateLimits; posts(): { channel: string; at: number; thread?: string }[]; updates?(): { ts: string; at: number }[]; close(): Promise<void> }> {
  if (platform === 'slack') {
    const fake = await new FakeSlackApi().start();
    const limits = fake.enforceLimits(() => Date.now());
    const client = new WebClient('xoxb-bench', { slackApiUrl: `${fake.url}/api/`, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: 10_000 });
    return {
      port: new SlackChat(client, config.timezone, systemClock),
      limits,
      posts: () => fake.posts().map((p) => ({ channel: String(p.channel), at: Number(p.at), ...(p.thread_ts ? { thread: String(p.thread_ts) } : {}) })),
      updates: () => fake.calls.filter((c) => c.method === 'chat.update' && !c.args.failedWith).map((c) => ({ ts: String(c.args.ts), at: Number(c.at) })),
      close: () => fake.close(),
    };
  }
  const fake = await new FakeDiscord(() => new Date()).start();
  for (let i = 0; i < channels; i += 1) fake.state.addChannel({ id: channelOf('discord', i), type: 0, guild_id: GUILD_ID, name: `team-${i}`, position: 0, permission_overwrites: [], parent_id: null, last_message_id: null });
  const limits = fake.rest.enforceLimits(() => Date.now());
  const at: { channel: string; at: number }[] = [];
  const add = fake.state.addMessage.bind(fake.state);
  fake.state.addMessage = (channelId, fields) => {
    at.push({ channel: channelId, at: Date.now() });
    return add(channelId, fields);
  };
  const rest = new REST({ api: fake.apiUrl, rejectOnRateLimit: () => true, retries: 0 }).setToken(FAKE_TOKEN);
  return { port: new DiscordChat(new DiscordApi(rest), config, pino({ level: 'silent' })), limits, posts: () => at, close: () => fake.stop() };
}
