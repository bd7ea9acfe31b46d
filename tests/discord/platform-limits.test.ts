import { describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { cardsFor } from '../helpers/capture.js';
import { testConfig } from '../helpers/test-config.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { useDiscordHarness, type DiscordHarness } from './helpers/discord-harness.js';

/** The real worker at Discord's pace (the DiscordChat port's own limits), sleeping on the test clock. */
function pacedWorker(h: DiscordHarness): OutboxWorker {
  const { ctx } = h;
  return new OutboxWorker({ db: ctx.db, config: ctx.config, clock: ctx.clock, logger: ctx.logger, ports: { discord: h.adapter.chat, slack: h.slack, console: new RecordingChat() }, sleep: async (ms) => void ctx.clock.advance(ms) });
}

/** Posts accepted in a channel, with the item each card is about and when it came (test clock). */
function cardsPosted(h: DiscordHarness, channelId: string, times: Map<string, number>) {
  return h.discord.state.botMessages(channelId).map((m) => ({ item: Number(/^#(\d+)/.exec(String((m.embeds as { title?: string }[])[0]?.title))?.[1]), at: times.get(String(m.id)) }));
}

describe("Discord's rate limits", () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it("a 429 on one channel's route does not delay another channel, and the refused channel keeps its order", async () => {
    const config = testConfig((c) => {
      c.teams.product!.home = { discord: CHANNEL.elsewhere };
    });
    const h = await startDiscord({ config });
    const support = await cardsFor(h.ctx, 'support', 3);
    const product = await cardsFor(h.ctx, 'product', 3);
    const limits = h.discord.rest.enforceLimits(() => h.ctx.clock.now().getTime());
    // Support's channel has had five posts in the last five seconds (people's bots, say): Discord refuses the next.
    limits.spend({ key: `route:post:${CHANNEL.supportHome}`, limit: 5, windowMs: 5_000, scope: 'route' }, 5);
    const start = h.ctx.clock.now().getTime();
    const times = new Map<string, number>();
    const record = h.discord.state.addMessage.bind(h.discord.state);
    h.discord.state.addMessage = (channelId, fields) => {
      const message = record(channelId, fields);
      times.set(String(message.id), h.ctx.clock.now().getTime() - start);
      return message;
    };

    await pacedWorker(h).drain();
    h.ctx.clock.advance(5_000);
    await pacedWorker(h).drain();

    const productCards = cardsPosted(h, CHANNEL.elsewhere, times);
    expect(productCards.map((c) => c.item)).toEqual(product);
    expect(productCards[0]?.at).toBe(0);
    expect(productCards[2]?.at).toBeLessThan(2_500);
    const supportCards = cardsPosted(h, CHANNEL.supportHome, times);
    expect(supportCards.map((c) => c.item)).toEqual(support);
    expect(supportCards[0]?.at).toBeGreaterThanOrEqual(5_000);
    expect(limits.refusals.map((r) => r.key)).toEqual([`route:post:${CHANNEL.supportHome}`]);
  });
});
