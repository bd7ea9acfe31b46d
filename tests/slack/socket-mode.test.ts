import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';
import { useSlackHarness, type SlackHarness } from './helpers/slack-harness.js';
import { eventCallback, messageEvent, slashCommand } from './helpers/slack-payloads.js';

const TS = '1794837540.000100';

describe('Slack in Socket Mode (SLACK_APP_TOKEN set)', () => {
  const database = useTestDatabase();
  const startSlack = useSlackHarness(database);

  it('connects through SLACK_API_URL with the app token, and captures a message event once however often it comes', async () => {
    const h = await startSlack({ socketMode: true });
    const socket = h.socket as NonNullable<SlackHarness['socket']>;
    const opened = h.fake.calls.filter((c) => c.method === 'apps.connections.open');
    expect(opened.map((c) => c.authorization)).toEqual(['Bearer xapp-1-test-token']);

    const body = eventCallback(messageEvent({ channel: 'C0BIGCO', ts: TS, text: 'We would love an export to CSV' }), 'EvSocket1');
    const ack = await socket.send('events_api', body);
    expect(ack.payload ?? {}).toEqual({});
    // In Socket Mode the acknowledgement comes before the listener runs: wait until the event is handled.
    await waitFor(async () => (await h.ctx.db.$count(inboundEvents, eq(inboundEvents.status, 'done'))) === 1);
    await h.settle();
    await socket.send('events_api', body, 1); // Slack's retry of the same event
    await h.settle();
    expect(await h.ctx.db.$count(feedbackItems)).toBe(1);
    expect(h.fake.posts().filter((m) => !m.thread_ts)).toHaveLength(2); // Product and Sales, once each
  });

  it('answers a slash command in its acknowledgement or through its response URL', async () => {
    const h = await startSlack({ socketMode: true });
    const socket = h.socket as NonNullable<SlackHarness['socket']>;
    const ack = await socket.send('slash_commands', slashCommand({ command: '/liaison', text: 'help', user: 'U0MAYA', channel: 'C0RANDOM', responseUrl: `${h.fake.url}/respond/help` }));
    await h.settle();
    const answered = [JSON.stringify(ack.payload ?? {}), ...h.fake.called('response_url').map((r) => JSON.stringify(r))].join('\n');
    expect(answered).toContain('/escalate');
  });
});
