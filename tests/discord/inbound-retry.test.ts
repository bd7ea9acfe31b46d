import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackItems, inboundEvents } from '../../src/db/schema/index.js';
import { inboundRetryJob } from '../../src/jobs/inbound-retry-job.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { CHANNEL } from './fakes/fake-state.js';
import { PEOPLE, userMessage } from './fakes/payloads.js';
import { useDiscordHarness } from './helpers/discord-harness.js';

describe('persist before you forget', () => {
  const database = useTestDatabase();
  const startDiscord = useDiscordHarness(database);

  it('keeps a message whose capture failed, and the retry job captures it later from what was stored', async () => {
    const h = await startDiscord();
    await h.ctx.db.execute(sql`alter table voices rename to voices_away`);
    await h.send('MESSAGE_CREATE', userMessage(h.discord.state, CHANNEL.source, PEOPLE.ann, 'Backups crash at midnight'));
    const [stored] = await h.ctx.db.select().from(inboundEvents);
    expect(stored).toMatchObject({ platform: 'discord', kind: 'discord.message', status: 'pending', attempts: 1 });
    expect(stored?.payload).toMatchObject({ content: 'Backups crash at midnight', authorId: PEOPLE.ann.user.id, sourceId: CHANNEL.source });

    await h.ctx.db.execute(sql`alter table voices_away rename to voices`);
    // The gateway is gone by now; the stored event is all there is.
    await h.adapter.stop();
    h.ctx.clock.advance(61_000);
    await inboundRetryJob(h.ctx.db, h.ctx.clock, h.ctx.logger, h.adapter.inboundHandlers).run();
    expect((await h.ctx.db.select().from(feedbackItems)).map((i) => i.text)).toEqual(['Backups crash at midnight']);
    expect((await h.ctx.db.select().from(inboundEvents))[0]?.status).toBe('done');
  });
});
