import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actions, feedbackItems, routings, voices } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { mentions, shown } from './helpers/slack-asserts.js';
import { feedbackCarded } from './helpers/slack-flows.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { slashCommand } from './helpers/slack-payloads.js';

let n = 0;
const run = async (h: SlackHarness, command: string, text: string, user = 'U0MAYA', channel = 'C0RANDOM') => {
  const id = `r${(n += 1)}`;
  const response = await h.command(slashCommand({ command, text, user, channel, responseUrl: `${h.fake.url}/respond/${id}` }));
  await h.settle();
  const answers = h.fake.called('response_url').filter((r) => String(r.url).endsWith(`/${id}`));
  return { response, ack: await response.text(), answer: answers.at(-1) };
};

describe('Slack slash commands', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('/feedback captures what a member said, for the community named, with the member as author', async () => {
    const h = await startSlack();
    const { answer } = await run(h, '/feedback', '<@U0ANN|ann> community:makers Please add a dark mode feature');
    const [voice] = await h.ctx.db.select().from(voices);
    expect(voice).toMatchObject({ authorExternalId: 'U0ANN', capturedVia: 'command', channelId: 'C0RANDOM' });
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item).toMatchObject({ communityId: 'makers', text: 'Please add a dark mode feature' });
    expect(String(answer?.text)).toMatch(/Captured as #\d+ and sent to Product/);
    expect(h.fake.posts('C0PRODUCT')).toHaveLength(1);
  });

  it('/feedback stores what was typed, not Slack\'s escaping, and names the person as their profile does', async () => {
    const h = await startSlack();
    h.fake.users.set('U0MAYA', 'Maya Green');
    h.fake.users.set('U0ANN', 'Ann Baker');
    await run(h, '/feedback', 'community:makers Tom &amp; Jerry love the dark mode feature &lt;3, see <https://status.example.com|status page> and ask <@U0ANN|ann.legacy>');
    const [item] = await h.ctx.db.select().from(feedbackItems);
    expect(item?.text).toBe('Tom & Jerry love the dark mode feature <3, see status page (https://status.example.com) and ask @ann.legacy');
    const card = shown(h.fake.posts('C0PRODUCT')[0]);
    expect(card).toContain('Tom &amp; Jerry love the dark mode feature &lt;3');
    expect(card).not.toContain('&amp;amp;');
    expect(card).not.toContain('<https://status.example.com|');
    // The author is the person who typed it, under their profile's name, not the command's legacy handle.
    expect(card).toContain('Maya Green');
    expect(card).not.toContain('u0maya');
  });

  it('/escalate and /liaison snooze store their reasons as typed', async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    const [routing] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    await run(h, '/escalate', `#${routing?.itemId} product urgent Renewal &amp; pricing &lt;this week&gt;`);
    await run(h, '/liaison', `snooze #${routing?.itemId} 3d waiting on Q&amp;A`, 'U0PRIYA');
    const reasons = (await h.ctx.db.select().from(actions)).map((a) => a.reason).filter(Boolean);
    expect(reasons).toContain('Renewal & pricing <this week>');
    expect(reasons).toContain('waiting on Q&A');
  });

  it('/feedback without a community outside a source channel says how to name one', async () => {
    const h = await startSlack();
    const { answer } = await run(h, '/feedback', 'Please add a dark mode feature');
    expect(String(answer?.text)).toContain('Say which community this is from');
    expect(await h.ctx.db.$count(feedbackItems)).toBe(0);
  });

  it('/escalate by a community manager tightens the SLA and pages the on-call group under the card', async () => {
    const h = await startSlack();
    const { productCard } = await feedbackCarded(h);
    const [routing] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    const { answer } = await run(h, '/escalate', `#${routing?.itemId} product urgent BigCo renewal depends on it`);
    expect(String(answer?.text)).toContain('escalated');
    const [after] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    expect(after?.priority).toBe('urgent');
    expect(after?.acknowledgeDueAt?.getTime()).toBe(h.ctx.clock.now().getTime() + 15 * 60_000);
    const page = h.fake.posts('C0PRODUCT').find((m) => m.thread_ts === productCard && shown(m).includes('escalated'));
    expect(mentions(page)).toContain('<!subteam^S0PRODONCALL>');
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('URGENT');
  });

  it('/escalate by someone who is not a community manager is refused', async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    const { answer } = await run(h, '/escalate', '#1 product urgent because', 'U0PRIYA');
    expect(String(answer?.text)).toContain('Only community managers can escalate');
    expect(h.fake.posts('C0PRODUCT').filter((m) => m.thread_ts)).toEqual([]);
  });

  it('/escalate with only a link asks for the rest in a form, with the link filled in', async () => {
    const h = await startSlack();
    const { originalTs } = await feedbackCarded(h);
    const link = `https://testco.slack.com/archives/C0BIGCO/p${originalTs.replace('.', '')}`;
    await run(h, '/escalate', `<${link}>`);
    const view = h.fake.called('views.open').at(-1)?.view as { callback_id: string; blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    expect(view.callback_id).toBe('liaison:escalate');
    expect(view.blocks.find((b) => b.block_id === 'item')?.element?.initial_value).toBe(`<${link}>`);
  });

  it('/liaison status, history and help answer only the asker', async () => {
    const h = await startSlack();
    const { originalTs } = await feedbackCarded(h);
    const status = await run(h, '/liaison', `status https://testco.slack.com/archives/C0BIGCO/p${originalTs.replace('.', '')}`);
    expect(status.answer).toMatchObject({ response_type: 'ephemeral' });
    expect(shown(status.answer)).toContain('Casey (BigCo)');
    expect(shown(status.answer)).toContain('*Product*: Open');
    const member = await run(h, '/liaison', 'history <@U0CUST|casey>');
    expect(shown(member.answer)).toContain('1 item');
    const community = await run(h, '/liaison', 'history bigco');
    expect(shown(community.answer)).toContain('*BigCo* · 1 item');
    const help = await run(h, '/liaison', 'help');
    expect(help.ack).toContain('/liaison snooze');
  });

  it('/liaison snooze pauses reminders for the asker\'s team and shows it on the card', async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    const { answer } = await run(h, '/liaison', 'snooze #1 3d waiting on legal', 'U0PRIYA');
    expect(String(answer?.text)).toContain('paused for 3d (Product)');
    const [product] = await h.ctx.db.select().from(routings).where(eq(routings.teamId, 'product'));
    expect(product?.snoozeReason).toBe('waiting on legal');
    expect(shown(h.fake.called('chat.update').at(-1))).toContain('Reminders snoozed until');
  });

  it("/liaison digest --preview shows last week's digest to the asker alone and posts nothing", async () => {
    const h = await startSlack();
    await feedbackCarded(h);
    h.ctx.clock.set('2026-11-23T15:00:00Z');
    const { answer } = await run(h, '/liaison', 'digest --preview');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(shown(answer)).toContain('2026-W47');
    expect(shown(answer)).toContain('1 item of feedback came in (the week before: 0)');
    // A private preview has no thread to point at.
    expect(shown(answer)).not.toContain('thread');
    expect(h.fake.posts('C0LEADERS')).toEqual([]);
  });
});
