import { describe, expect, it } from 'vitest';
import { builtinClassifier } from '../../src/core/classify/builtin-model.js';
import { feedbackItems, routings } from '../../src/db/schema/index.js';
import { SHORT_PROBLEM_REPORTS } from '../fixtures/short-problem-reports.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL, type Json } from './fakes/fake-state.js';
import { forumPost, PEOPLE, slashCommand } from './fakes/payloads.js';
import { useDiscordHarness } from './helpers/discord-harness.js';


describe('short problem reports on Discord', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('each of sixteen forum posts reaches a team and gets a card', async () => {
    const h = await startDiscord({ classifier: builtinClassifier() });
    for (const text of SHORT_PROBLEM_REPORTS) {
      const { thread, starter } = forumPost(h.discord.state, CHANNEL.forum, PEOPLE.ann, text.slice(-40), text);
      h.discord.gateway.dispatch('THREAD_CREATE', thread);
      h.discord.gateway.dispatch('MESSAGE_CREATE', starter);
    }
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(SHORT_PROBLEM_REPORTS.length);
    const routed = new Set((await h.ctx.db.select({ itemId: routings.itemId }).from(routings)).map((r) => r.itemId));
    expect(routed.size).toBe(SHORT_PROBLEM_REPORTS.length);
    await h.deliver();
    expect(h.discord.state.botMessages(CHANNEL.supportHome).length + h.slack.kinds().filter((k) => k === 'card').length).toBe(SHORT_PROBLEM_REPORTS.length);
  });

  it('each of sixteen /feedback reports is captured and the sender is told which team has it', async () => {
    const h = await startDiscord({ classifier: builtinClassifier() });
    for (const text of SHORT_PROBLEM_REPORTS) {
      const interaction = slashCommand(h.discord.state, 'feedback', [{ type: 3, name: 'text', value: text }], PEOPLE.ben, CHANNEL.elsewhere);
      await h.send('INTERACTION_CREATE', interaction);
      const reply = h.discord.rest.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${String(interaction.token)}/messages/@original$`)).at(-1)?.body as Json | undefined;
      expect(reply?.content).toMatch(/^Captured as \*\*#\d+\*\* and sent to (Support|Product|Sales)/);
    }
    expect(await h.ctx.db.$count(routings)).toBeGreaterThanOrEqual(SHORT_PROBLEM_REPORTS.length);
  });
});
