import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/create-discord-adapter.js';
import { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { RecordingChat } from '../fakes/recording-chat.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { FakeDiscord, FAKE_TOKEN } from '../discord/fakes/fake-discord.js';
import { CHANNEL } from '../discord/fakes/fake-state.js';
import { buttonClick, PEOPLE, registerPeople, userMessage } from '../discord/fakes/payloads.js';
import { view } from '../discord/helpers/card-view.js';
import { buttonValue, mentions, shown, topLevel } from '../slack/helpers/slack-asserts.js';
import { startSlack, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { blockAction, eventCallback, messageEvent } from '../slack/helpers/slack-payloads.js';

/** The real Bolt app and the real discord.js client on one Liaison, each against its loopback fake platform. */
async function startBoth(db: Parameters<typeof startSlack>[0]) {
  const slack = await startSlack(db);
  const discord = await new FakeDiscord(() => slack.ctx.clock.now()).start();
  registerPeople(discord.state);
  const adapter = createDiscordAdapter({ ctx: slack.ctx, env: { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl }, logger: slack.ctx.logger, clock: slack.ctx.clock });
  await adapter.start();
  const worker = new OutboxWorker({ db: slack.ctx.db, config: slack.ctx.config, clock: slack.ctx.clock, logger: slack.ctx.logger, ports: { slack: slack.adapter.chat, discord: adapter.chat, console: new RecordingChat() }, pacingMs: { slack: 0, discord: 0 }, sleep: async (ms) => void slack.ctx.clock.advance(ms) });
  const settle = async () => {
    await discord.gateway.barrier();
    await adapter.whenIdle();
    await slack.adapter.idle();
    await worker.drain();
  };
  return { slack, discord, adapter, settle };
}

describe('one Liaison on Slack and Discord at once', () => {
  const database = useTestDatabase();
  let running: { slack: SlackHarness; discord: FakeDiscord; adapter: DiscordAdapter } | undefined;
  afterEach(async () => {
    await running?.adapter.stop();
    await running?.discord.stop();
    await running?.slack.close();
  });

  it('a Discord member’s idea, resolved by Product in Slack, is answered in Discord pinging only its author', async () => {
    const both = await startBoth(database.current().db);
    running = both;
    const original = userMessage(both.discord.state, CHANNEL.source, PEOPLE.ann, 'Would love a dark mode, please add it @everyone');
    both.discord.gateway.dispatch('MESSAGE_CREATE', original);
    await both.settle();

    const card = topLevel(both.slack.fake, 'C0PRODUCT');
    expect(shown(card)).toContain('Would love a dark mode');
    // Date tokens render a time in the reader's zone; anything else in angle brackets would notify someone.
    expect(mentions(card).filter((m) => !m.startsWith('<!date^'))).toEqual([]);
    expect(shown(card)).toContain('@\u200beveryone');
    await both.slack.interaction(blockAction({ user: 'U0PRIYA', channel: 'C0PRODUCT', messageTs: card.ts, actionId: 'card:resolve', value: buttonValue(both.slack.fake, 'C0PRODUCT', 'card:resolve'), responseUrl: `${both.slack.fake.url}/respond/priya` }));
    await both.settle();

    expect(shown(both.slack.fake.called('chat.update').at(-1))).toContain('Resolved');
    const [reply] = both.discord.state.botMessages(CHANNEL.source);
    expect(reply?.message_reference).toEqual({ message_id: original.id, fail_if_not_exists: false });
    expect(reply?.content).toMatch(new RegExp(`^<@${PEOPLE.ann.user.id}> Product at Testco has resolved this\\.`));
    expect(reply?.allowed_mentions_sent).toEqual({ parse: [], users: [PEOPLE.ann.user.id], replied_user: false });
  });

  it('a Slack Connect customer’s bug, resolved by Support on Discord, is answered in the Slack thread', async () => {
    const both = await startBoth(database.current().db);
    running = both;
    const ts = '1794837541.000200';
    await both.slack.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts, user: 'U0CUST', text: 'The CSV export is broken since Monday', user_profile: { display_name: 'Casey (BigCo)' } })));
    await both.settle();

    const [card] = both.discord.state.botMessages(CHANNEL.supportHome);
    if (!card) throw new Error('no Support card on Discord');
    both.discord.gateway.dispatch('INTERACTION_CREATE', buttonClick(both.discord.state, card, view(card).button('Resolve'), PEOPLE.sam));
    await both.settle();

    const reply = both.slack.fake.posts('C0BIGCO').find((m) => m.thread_ts === ts);
    expect(shown(reply)).toContain('Support at Testco has resolved this');
    expect(new Set(mentions(reply))).toEqual(new Set(['<@U0CUST>']));
  });
});
