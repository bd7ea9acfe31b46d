import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/clock.js';
import type { ChatPort, DeliveryTarget, OutboundMessage } from '../../delivery/chat-port.js';
import type { RateLimit } from '../../delivery/rate-buckets.js';
import { PermanentDeliveryError, RetryableDeliveryError } from '../../delivery/chat-port.js';
import type { DeliveryContent, LoopReply, Notice, Reminder } from '../../delivery/content.js';
import { reminderLinks, type ReminderLinks } from '../../delivery/reminder-links.js';
import type { Block } from './block-kit-limits.js';
import { slackCall, toDeliveryError } from './delivery-errors.js';
import { digestSilosBlocks, digestSummaryBlocks, digestTeamBlocks, type DrawnParts } from './digest-blocks.js';
import { uploadDigestChart } from './digest-chart-upload.js';
import { deliveryMetadata, earlierParts } from './earlier-posts.js';
import { cardBurstBlocks } from './card-burst-blocks.js';
import { routedCardBlocks } from './routed-card-blocks.js';
import { slackLimits } from './slack-rate-limits.js';
import { ambassadorNoteBlocks, cardLogBlocks, loopReplyBlocks, noticeBlocks, pageBlocks, reminderBlocks } from './thread-note-blocks.js';

const SLACK_TS = /^\d+\.\d+$/;
const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * Whom a delivery writes to by DM, if anyone: a loop reply that says so or has no thread to go in, a note to an
 * ambassador, anything addressed to a person's ID. One rule for where a message goes and for the DM its limits count.
 */
function dmRecipient(kind: string, channelId: string, reply: Partial<Pick<LoopReply, 'authorId' | 'dm'>> | undefined, hasThread: boolean): string | undefined {
  if (kind === 'loop_reply' && reply?.authorId && (reply.dm || !hasThread) && USER_ID.test(reply.authorId)) return reply.authorId;
  return kind === 'ambassador_note' || USER_ID.test(channelId) ? channelId : undefined;
}

/**
 * The outbox worker's view of Slack: draws each delivery as Block Kit and posts, threads or edits it. Posts never
 * expand names or links (`link_names: false`, `parse: none`, no unfurls), so a mention only happens where a
 * presenter put one on purpose.
 */
export class SlackChat implements ChatPort {
  readonly name = 'slack';
  private readonly dmChannels = new Map<string, string>();
  private readonly permalinks = new Map<string, string>();

  constructor(private readonly client: WebClient, private readonly timezone: string, private readonly clock: Clock, private readonly publicUrl = 'http://localhost:3000') {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    try {
      return await this.send(message);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /** The delivery's limits, with the DM it opens and the links it looks up when this port does not know them yet. */
  limits(target: DeliveryTarget): RateLimit[] {
    const recipient = dmRecipient(target.kind, target.channelId, target.kind === 'loop_reply' ? (target.payload as Partial<LoopReply> | undefined) : undefined, target.inThread === true);
    return slackLimits(target, { opensDm: recipient !== undefined && !this.dmChannels.has(recipient), permalinks: this.unknownPermalinks(target) });
  }

  /** How many of a reminder's Slack cards have no permalink remembered: each is one chat.getPermalink. */
  private unknownPermalinks(target: DeliveryTarget): number {
    if (target.kind !== 'reminder') return 0;
    const items = (target.payload as Partial<Reminder> | undefined)?.items ?? [];
    return items.filter(({ card }) => card?.platform === 'slack' && !this.permalinks.has(`${card.channelId}:${card.messageId}`)).length;
  }

  private async send(message: OutboundMessage): Promise<{ messageId: string }> {
    const { content } = message;
    if (content.kind === 'notice') return this.notice(message.channelId, content.notice);
    if (content.kind === 'digest_chart') return { messageId: await uploadDigestChart(this.client, message, content.chart, this.publicUrl) };
    const links = content.kind === 'reminder' ? await reminderLinks(content.reminder, 'slack', (card) => this.permalink(card.channelId, card.messageId), this.publicUrl) : undefined;
    const drawn = this.draw(content, links);
    if (content.kind === 'card_update') {
      const [blocks = []] = drawn.messages;
      await slackCall('chat.update', () => this.client.chat.update({ channel: message.channelId, ts: message.editsMessageId ?? '', text: drawn.text, blocks, link_names: false, parse: 'none' }));
      return { messageId: message.editsMessageId ?? '' };
    }
    const { channel, threadTs, direct } = await this.where(message);
    // A retry first looks for what an earlier attempt posted. Not in DMs: reading them would need im:history, a
    // scope Liaison does without, so a DM whose answer was lost may arrive twice.
    const done = message.attempt > 1 && !direct ? await earlierParts(this.client, message.key, channel, threadTs, drawn.messages.length) : [];
    for (const [index, blocks] of drawn.messages.entries()) {
      if (index < done.length) continue;
      // Later parts of a long message go into the same thread: under the first part, or the thread it is in.
      const thread = index === 0 ? threadTs : (threadTs ?? done[0]);
      const metadata = deliveryMetadata(message.key, index);
      const result = await slackCall('chat.postMessage', () => this.client.chat.postMessage({ channel, text: drawn.text, blocks, thread_ts: thread, metadata, link_names: false, parse: 'none', unfurl_links: false, unfurl_media: false }));
      done.push(String(result.ts));
    }
    return { messageId: done[0] ?? '' };
  }

  /** A reply threads under its parent; a note to a person (or a reply with no Slack thread to go in) is a DM. */
  private async where(message: OutboundMessage): Promise<{ channel: string; threadTs: string | undefined; direct: boolean }> {
    const { content } = message;
    const thread = message.threadId && SLACK_TS.test(message.threadId) ? message.threadId : undefined;
    const recipient = dmRecipient(content.kind, message.channelId, content.kind === 'loop_reply' ? content.reply : undefined, thread !== undefined);
    if (recipient) return { channel: await this.dm(recipient), threadTs: undefined, direct: true };
    return { channel: message.channelId, threadTs: thread, direct: false };
  }

  private async dm(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await slackCall('conversations.open', () => this.client.conversations.open({ users: userId }));
    const id = String(opened.channel?.id);
    this.dmChannels.set(userId, id);
    return id;
  }

  /** Said to one person only: ephemeral where they pressed the button, or a DM when the channel is their own ID. */
  private async notice(channelId: string, notice: Notice): Promise<{ messageId: string }> {
    const drawn = noticeBlocks(notice);
    if (USER_ID.test(channelId)) {
      const dm = await this.dm(channelId);
      const result = await slackCall('chat.postMessage', () => this.client.chat.postMessage({ channel: dm, text: drawn.text, blocks: drawn.blocks, link_names: false, parse: 'none', unfurl_links: false }));
      return { messageId: String(result.ts) };
    }
    const result = await slackCall('chat.postEphemeral', () => this.client.chat.postEphemeral({ channel: channelId, user: notice.userId, text: drawn.text, blocks: drawn.blocks, link_names: false, parse: 'none' }));
    return { messageId: String(result.message_ts) };
  }

  /**
   * A card's permalink, asked once per card (a reminder lists the same cards window after window). A card Slack
   * cannot link is linked by its item page instead; a 429 waits for the method's bucket like any other.
   */
  private async permalink(channel: string, ts: string): Promise<string | null> {
    const key = `${channel}:${ts}`;
    if (!this.permalinks.has(key)) {
      const found = await slackCall('chat.getPermalink', () => this.client.chat.getPermalink({ channel, message_ts: ts })).then((r) => r.permalink ?? null, (error: unknown) => {
        if (error instanceof RetryableDeliveryError) throw error;
        return null;
      });
      if (!found) return null;
      this.permalinks.set(key, found);
    }
    return this.permalinks.get(key) ?? null;
  }

  private draw(content: Exclude<DeliveryContent, { kind: 'notice' | 'digest_chart' }>, links?: ReminderLinks): DrawnParts {
    const one = (d: { text: string; blocks: Block[] }): DrawnParts => ({ text: d.text, messages: [d.blocks] });
    switch (content.kind) {
      case 'card':
      case 'card_update':
        return one(routedCardBlocks(content.card, this.timezone, this.clock.now()));
      case 'card_log': return one(cardLogBlocks(content.log));
      case 'card_burst': return one(cardBurstBlocks(content.burst, this.timezone, this.publicUrl));
      case 'loop_reply': return one(loopReplyBlocks(content.reply));
      case 'ambassador_note': return one(ambassadorNoteBlocks(content.note));
      case 'page': return one(pageBlocks(content.page, this.timezone));
      case 'reminder': return one(reminderBlocks(content.reminder, this.timezone, links));
      case 'digest_summary': return digestSummaryBlocks(content.digest);
      case 'digest_team': return digestTeamBlocks(content.digest);
      case 'digest_silos': return digestSilosBlocks(content.digest);
      case 'tracker_issue':
      case 'webhook_event':
        throw new PermanentDeliveryError(`${content.kind} is not a Slack message`);
    }
  }
}
