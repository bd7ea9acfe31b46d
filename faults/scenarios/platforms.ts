import { CHANNEL } from '../../tests/discord/fakes/fake-state.js';
import { PEOPLE, userMessage } from '../../tests/discord/fakes/payloads.js';
import { SIGNING_SECRET, slackSignature } from '../../tests/slack/helpers/slack-harness.js';
import { eventCallback, messageEvent } from '../../tests/slack/helpers/slack-payloads.js';
import { IntakeClient } from '../lib/intake-client.js';
import { outboxSettled } from '../lib/outbox.js';
import type { Scenario } from '../lib/report.js';
import { bounded, pause } from '../lib/time.js';
import { postsSeen, World } from '../lib/world.js';
import { countBy } from '../lib/tally.js';

/** Posts a Slack event to the bot as Slack signs it, stamped `ageSeconds` ago. */
function slackEvent(url: string, body: string, headers: Record<string, string> = {}, ageSeconds = 0): Promise<number> {
  const ts = Math.floor(Date.now() / 1000) - ageSeconds;
  return fetch(`${url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body), ...headers }, signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
}

async function startOne(world: World) {
  const url = await world.sharedDatabase();
  const bot = await world.bot('bot', { url });
  bot.start();
  if ((await bot.ready(60_000)) === undefined) throw new Error('the bot did not become ready');
  // The gateway session is up once the bot has identified.
  await bounded(20_000, 100, async () => world.discord.gateway.identifies.length > 0);
  return { bot, url };
}

/** Slack retries and replays, Discord sending a message twice, and an intake post sent three times: one item each. */
export const duplicateEvents: Scenario = async () => {
  const world = await World.open();
  try {
    const { bot, url } = await startOne(world);
    const statuses: number[] = [];
    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    const event = (id: string) => JSON.stringify(eventCallback(messageEvent({ channel: 'C0BIGCO', ts, text: 'Our invoices show the wrong pricing for the enterprise plan' }), id));
    statuses.push(await slackEvent(bot.url, event('EvFaults1')));
    statuses.push(await slackEvent(bot.url, event('EvFaults1'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }));
    statuses.push(await slackEvent(bot.url, event('EvFaults1'), { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' }));
    // A Slack Connect channel's copy of the same message, under another event id.
    statuses.push(await slackEvent(bot.url, event('EvFaults2')));
    // A captured request replayed seven minutes later is refused by its stamp.
    const refusedReplay = await slackEvent(bot.url, event('EvFaults1'), {}, 7 * 60);
    const message = userMessage(world.discord.state, CHANNEL.source, PEOPLE.ann, 'The sensor app crashes when I open the garden map');
    world.discord.gateway.dispatch('MESSAGE_CREATE', message);
    world.discord.gateway.dispatch('MESSAGE_CREATE', message);
    await world.discord.gateway.barrier();
    const client = new IntakeClient(() => [bot.url], 'dup');
    const id = client.fresh();
    for (let i = 0; i < 3; i += 1) statuses.push(await client.send(id));
    await bounded(15_000, 250, async () => Number((await world.query<{ n: string }>(url, 'select count(*) as n from feedback_items'))[0]?.n) >= 3);
    // Anything late would show up now.
    await pause(2_000);
    const outbox = await outboxSettled(world, url, 30_000);
    const items = Number((await world.query<{ n: string }>(url, 'select count(*) as n from feedback_items'))[0]?.n);
    const posts = postsSeen(world);
    const doubled = Math.max(0, items - 3) + posts.doubled;
    return {
      ok: items === 3 && doubled === 0 && refusedReplay === 401 && outbox.waiting === 0 && statuses.every((s) => s === 200 || s === 202),
      sent: 3, stored: items, lost: Math.max(0, 3 - items), doubled, recoveryMs: null, manualSteps: 0,
      answers: countBy(statuses), staleReplayAnswer: refusedReplay, slackPosts: posts.slack, discordPosts: posts.discord, outboxWaiting: outbox.waiting,
    };
  } finally {
    await world.close();
  }
};

/** Slack and Discord answer with 429 storms and drop answers to posts they made: every card is posted once. */
export const platformStorms: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const { bot, url } = await startOne(world);
    const storm = quick ? 8 : 30;
    for (let i = 0; i < storm; i += 1) world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, i % 3);
    for (let i = 0; i < 3; i += 1) world.slack.failNext('chat.postMessage', { lost: true }, 2 + i * 2);
    world.discord.rest.failNext('POST', /^\/channels\/\d+\/messages$/, { status: 429, body: { message: 'You are being rate limited.', retry_after: 1, global: false }, headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' } }, storm);
    world.discord.rest.loseNext('POST', /^\/channels\/\d+\/messages$/, 3);
    const client = new IntakeClient(() => [bot.url], 'storm');
    await client.burst(quick ? 12 : 40, 10);
    await client.resendUntilAccepted(20_000);
    const outbox = await outboxSettled(world, url, quick ? 120_000 : 300_000);
    const [cards] = await world.query<{ n: string }>(url, `select count(*) as n from deliveries where kind = 'card'`);
    const posts = postsSeen(world);
    const slack429 = world.slack.calls.filter((c) => (c.args.failedWith as { status?: number } | undefined)?.status === 429).length;
    const items = Number((await world.query<{ n: string }>(url, 'select count(*) as n from feedback_items'))[0]?.n);
    const lost = outbox.waiting + outbox.failed + Math.max(0, client.accepted - items);
    return {
      ok: lost === 0 && posts.doubled === 0,
      sent: client.sent, stored: items, lost, doubled: posts.doubled, recoveryMs: null, manualSteps: 0,
      cards: Number(cards?.n ?? 0), slackPosts: posts.slack, discordPosts: posts.discord, slack429Answered: slack429, slackLostAnswers: 3, discordLostAnswers: 3, discord429: storm,
      outboxWaiting: outbox.waiting, outboxFailed: outbox.failed,
    };
  } finally {
    await world.close();
  }
};
