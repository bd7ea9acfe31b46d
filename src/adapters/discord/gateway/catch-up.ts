import { SnowflakeUtil, type AnyThreadChannel, type Message, type ThreadManager } from 'discord.js';
import { sourceCursors, type SourceCursor } from '../../../core/sources/source-cursor.js';
import type { GatewayDeps } from './gateway-deps.js';
import { onMessage } from './message-capture.js';

const PAGE = 100;
const bySnowflake = (a: { id: string }, b: { id: string }) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

/**
 * After a start or a new gateway session (events in between were never sent), fetches what was posted in each
 * source since the last message seen (or, before the first, since Liaison started watching it) and captures it,
 * oldest first. Each message goes through the same path as a
 * live one, so one that also arrives live, or was captured before, is recognised and captured once.
 */
export async function catchUp(deps: GatewayDeps): Promise<{ fetched: number }> {
  let fetched = 0;
  for (const cursor of await sourceCursors(deps.ctx.db, 'discord')) {
    try {
      fetched += cursor.kind === 'forum' ? await catchUpForum(deps, cursor) : await catchUpChannel(deps, cursor);
    } catch (error) {
      deps.logger.warn({ sourceId: cursor.externalId, err: error }, 'could not catch up a discord source');
    }
  }
  if (fetched > 0) deps.logger.info({ fetched }, 'caught up with discord messages posted while away');
  return { fetched };
}

async function catchUpChannel(deps: GatewayDeps, cursor: SourceCursor): Promise<number> {
  const channel = await deps.client.channels.fetch(cursor.externalId);
  if (!channel?.isTextBased() || channel.isDMBased()) return 0;
  // Nothing seen here yet: what was said before Liaison started watching is not feedback it was asked to capture,
  // but what was said since (while it was down before its first message) is.
  let after = cursor.lastMessageId ?? snowflakeAt(cursor.watchedSince);
  let count = 0;
  for (;;) {
    const page = [...(await channel.messages.fetch({ after, limit: PAGE, cache: false })).values()].sort(bySnowflake);
    for (const message of page) await onMessage(deps, message as Message);
    count += page.length;
    if (page.length < PAGE) return count;
    after = (page.at(-1) as Message).id;
  }
}

/**
 * Forum posts are threads: those newer than the cursor are posts made while away. A post left alone for its
 * auto-archive duration (an hour or more) during a long downtime is no longer active, so archived ones are looked
 * at too, newest archived first, down to the cursor's time (a post cannot be archived before it was made).
 */
async function catchUpForum(deps: GatewayDeps, cursor: SourceCursor): Promise<number> {
  const forum = await deps.client.channels.fetch(cursor.externalId);
  if (!forum || !('threads' in forum) || forum.isThread()) return 0;
  const { threads } = await forum.guild.channels.fetchActiveThreads();
  const active = [...threads.values()].filter((t: AnyThreadChannel) => t.parentId === forum.id);
  const since = BigInt(cursor.lastMessageId ?? snowflakeAt(cursor.watchedSince));
  const archived = await archivedSince(forum.threads, snowflakeTime(since));
  const posts = [...new Map([...active, ...archived].map((t) => [t.id, t])).values()].sort(bySnowflake);
  let count = 0;
  for (const thread of posts.filter((t) => BigInt(t.id) > since)) {
    const starter = await thread.fetchStarterMessage().catch(() => null);
    if (!starter) continue;
    await onMessage(deps, starter);
    count += 1;
  }
  return count;
}

/** Public archived threads archived at or after `since` (ms), paging back from the newest. */
async function archivedSince(manager: ThreadManager, since: number): Promise<AnyThreadChannel[]> {
  const found: AnyThreadChannel[] = [];
  let before: Date | undefined;
  for (;;) {
    // Cached: a message fetched from a thread the client does not know has no guild (REST messages carry none), and
    // Discord lists only active threads when the client connects.
    const page = await manager.fetchArchived({ type: 'public', limit: PAGE, ...(before ? { before } : {}) }, true);
    const threads = [...page.threads.values()];
    found.push(...threads.filter((t) => (t.archiveTimestamp ?? 0) >= since));
    const oldest = threads.at(-1)?.archiveTimestamp;
    if (!page.hasMore || oldest === null || oldest === undefined || oldest < since) return found;
    before = new Date(oldest);
  }
}

/** The smallest snowflake made at `at`: every message posted from then on has a larger one. */
function snowflakeAt(at: Date): string {
  return SnowflakeUtil.generate({ timestamp: at.getTime(), increment: 0n, processId: 0n, workerId: 0n }).toString();
}

/** When a snowflake was made: its top bits are milliseconds since Discord's epoch (2015). */
function snowflakeTime(id: bigint): number {
  return Number((id >> 22n) + 1_420_070_400_000n);
}
