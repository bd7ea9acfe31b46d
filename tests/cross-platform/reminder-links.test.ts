import { afterEach, describe, expect, it } from 'vitest';
import { checkSlas } from '../../src/core/check-slas.js';
import { CHANNEL, GUILD_ID } from '../discord/fakes/fake-state.js';
import { PEOPLE, userMessage } from '../discord/fakes/payloads.js';
import { useDiscordHarness } from '../discord/helpers/discord-harness.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { feedbackCarded } from '../slack/helpers/slack-flows.js';
import { startSlack, type SlackHarness } from '../slack/helpers/slack-harness.js';

/** A reminder's links take the team to its card, where it can act, not to the community's message. */
describe('reminder links', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);
  let slack: SlackHarness | undefined;
  afterEach(async () => slack?.close());

  it('on Discord, open the card in the team channel', async () => {
    const h = await startDiscord();
    const original = userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Login is broken since the update');
    await h.send('MESSAGE_CREATE', original);
    await h.deliver();
    const [card] = h.discord.state.botMessages(CHANNEL.supportHome);
    h.ctx.clock.set('2026-11-16T14:50:00Z'); // 50 of Support's 60 minutes to acknowledge: at risk
    await checkSlas(h.ctx);
    await h.deliver();
    const reminder = h.discord.state.botMessages(CHANNEL.supportHome).at(-1);
    const listed = (reminder?.embeds[0] as { title: string; description: string } | undefined);
    expect(listed?.title).toBe('Support: 1 item needs an answer');
    expect(listed?.description).toContain(`· [open the card](<https://discord.com/channels/${GUILD_ID}/${CHANNEL.supportHome}/${card?.id}>)`);
    expect(listed?.description).not.toContain(original.id);
  });

  it('on Slack, open the card in the team channel', async () => {
    slack = await startSlack(database.current().db);
    const { salesCard, originalTs } = await feedbackCarded(slack);
    slack.ctx.clock.set('2026-11-16T18:05:00Z'); // past Sales' four working hours
    await checkSlas(slack.ctx);
    await slack.settle();
    const reminder = slack.fake.posts('C0SALES').filter((m) => String(m.text).includes('needs an answer')).at(-1);
    const text = JSON.stringify(reminder?.blocks);
    expect(text).toContain(`<https://testco.slack.com/archives/C0SALES/p${salesCard.replace('.', '')}|#1>`);
    expect(text).not.toContain(originalTs.replace('.', ''));
  });
});
