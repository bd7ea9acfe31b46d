import type { RawFile } from 'discord.js';
import type { Logger } from 'pino';
import type { LiaisonConfig } from '../../../config/schema.js';
import { PermanentDeliveryError, type ChatPort, type DeliveryTarget, type OutboundMessage } from '../../../delivery/chat-port.js';
import type { RateLimit } from '../../../delivery/rate-buckets.js';
import type { LoopReply, Notice, Page, ReminderCard } from '../../../delivery/content.js';
import { reminderLinks } from '../../../delivery/reminder-links.js';
import { messageLink } from '../discord-text.js';
import { digestChartImage } from '../../charts/digest-chart-image.js';
import { impactPageUrl } from '../../impact-link.js';
import { burstThreadName } from '../../../delivery/burst-words.js';
import { cardBurstMessage } from '../presenters/card-burst-message.js';
import { cardThreadName, escalationNoteMessage } from '../presenters/card-thread.js';
import { digestChartMessage } from '../presenters/digest-chart-message.js';
import { digestSilosMessages, digestSummaryMessages, digestTeamMessages } from '../presenters/digest-embeds.js';
import type { MessageBody } from '../presenters/embed-limits.js';
import { loopReplyDm, loopReplyMessage } from '../presenters/loop-reply-message.js';
import { ambassadorNoteMessage, cardLogMessage, pageMessage, privateNoticeMessage } from '../presenters/notice-messages.js';
import { reminderMessages } from '../presenters/reminder-messages.js';
import { routedCardMessage } from '../presenters/routed-card-message.js';
import type { DiscordApi } from './discord-api.js';
import { toDeliveryError } from './delivery-errors.js';
import { discordLimits } from './discord-rate-limits.js';

/** Short, unique per delivery, within Discord's 25 characters. */
const nonceFor = (message: OutboundMessage) => `lz${message.id.toString(36)}`;

/** Delivers every kind of outbox message to Discord: cards as embeds with buttons, replies, DMs, digest threads. */
export class DiscordChat implements ChatPort {
  readonly name = 'discord';

  constructor(private readonly api: DiscordApi, private readonly config: LiaisonConfig, private readonly logger: Logger, private readonly publicUrl = 'http://localhost:3000') {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    try {
      return { messageId: await this.send(message) };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  limits(target: DeliveryTarget): RateLimit[] {
    return discordLimits(target);
  }

  private async send(m: OutboundMessage): Promise<string> {
    const c = m.content;
    const nonce = nonceFor(m);
    switch (c.kind) {
      case 'card':
        // A card in a combined card's thread (a burst) goes into that thread.
        return m.threadId ? this.api.postInThread(m.channelId, m.threadId, 'New items', [routedCardMessage(c.card)], nonce) : this.api.post(m.channelId, routedCardMessage(c.card), nonce);
      case 'card_update':
        if (!m.editsMessageId) throw new PermanentDeliveryError('a card update without the card to edit');
        return this.api.edit(m.editsInThreadId ?? m.channelId, m.editsMessageId, routedCardMessage(c.card));
      case 'card_burst': {
        const messageId = await this.api.post(m.channelId, cardBurstMessage(c.burst, this.publicUrl), nonce);
        await this.api.startThread(m.channelId, messageId, burstThreadName(c.burst));
        return messageId;
      }
      case 'card_log':
        return this.inThread(m, cardThreadName(c.log.card), [cardLogMessage(c.log)]);
      case 'page':
        return this.page(m, c.page);
      case 'ambassador_note':
        return this.api.postDm(m.channelId, ambassadorNoteMessage(c.note), nonce);
      case 'loop_reply':
        return this.loopReply(m, c.reply);
      case 'reminder':
        return this.api.postAll(m.channelId, reminderMessages(c.reminder, await reminderLinks(c.reminder, 'discord', (card) => this.cardUrl(card), this.publicUrl)), nonce);
      case 'digest_summary':
        return this.api.postAll(m.channelId, digestSummaryMessages(c.digest), nonce);
      case 'digest_team':
        return this.inThread(m, `Feedback digest ${c.digest.period}`, digestTeamMessages(c.digest));
      case 'digest_silos':
        return this.inThread(m, `Feedback digest ${c.digest.period}`, digestSilosMessages(c.digest));
      case 'notice':
        return this.notice(c.notice, nonce);
      case 'tracker_issue':
      case 'webhook_event':
        throw new PermanentDeliveryError(`${c.kind} is not a Discord message`);
      case 'digest_chart': {
        const { body, files } = digestChartMessage(await digestChartImage(c.chart), impactPageUrl(this.publicUrl, c.chart.range));
        return this.inThread(m, `Feedback digest ${c.chart.period}`, [body], files);
      }
    }
  }

  /**
   * Only the person who pressed the button sees it: an ephemeral follow-up to their click while its token is valid
   * (15 minutes), else a DM.
   */
  private async notice(notice: Notice, nonce: string): Promise<string> {
    const body = privateNoticeMessage(notice);
    const { interaction } = notice;
    if (interaction && new Date(interaction.until).getTime() > Date.now()) {
      try {
        return await this.api.followUp(interaction.applicationId, interaction.token, body);
      } catch (error) {
        this.logger.info({ userId: notice.userId, err: error }, 'interaction follow-up refused; sending the notice by DM');
      }
    }
    return this.api.postDm(notice.userId, body, nonce);
  }

  /** A card's address: its guild, from its channel (asked once per channel), then the usual message link. */
  private async cardUrl(card: ReminderCard): Promise<string | null> {
    const guildId = await this.api.guildOf(card.channelId).catch((error: unknown) => {
      this.logger.info({ channelId: card.channelId, err: error }, 'could not look up the guild of a card; the reminder links the item page');
      return null;
    });
    return guildId ? messageLink(guildId, card.channelId, card.messageId) : null;
  }

  /**
   * An escalation: noted in the card's thread like every other step, then the page itself as a reply to the card
   * in the channel, where the on-call sees it and is pinged. The note goes first: if the page then fails, the retry
   * finds the note by its nonce, and a page is never sent twice.
   */
  private async page(m: OutboundMessage, page: Page): Promise<string> {
    const nonce = nonceFor(m);
    if (m.threadId) await this.api.postInThread(m.channelId, m.threadId, cardThreadName(page.card), [escalationNoteMessage(page)], `${nonce}n`);
    return this.api.post(m.channelId, pageMessage(page, m.threadId), nonce);
  }

  /** A reply under a message Liaison posted (a card, a digest summary) goes in a thread started from it. */
  private inThread(m: OutboundMessage, threadName: string, bodies: MessageBody[], files?: RawFile[]): Promise<string> {
    return m.threadId ? this.api.postInThread(m.channelId, m.threadId, threadName, bodies, nonceFor(m), files) : this.api.postAll(m.channelId, bodies, nonceFor(m), files);
  }

  /**
   * The reply to the author, where they wrote (channel or forum post), or as a DM when the config says so. The
   * optional extras (a forum tag, a DM copy) never fail a reply that has been posted: they are logged instead.
   */
  private async loopReply(m: OutboundMessage, reply: LoopReply): Promise<string> {
    const nonce = nonceFor(m);
    if (reply.dm) return this.api.postDm(m.channelId, loopReplyDm(reply), nonce);
    const messageId = await this.api.post(m.channelId, loopReplyMessage(reply, m.threadId), nonce);
    const { forumTags, dmOnClose } = this.config.discord;
    const tag = reply.outcome === 'resolved' ? forumTags.resolved : reply.outcome === 'declined' ? forumTags.declined : undefined;
    if (tag) {
      await this.api.applyForumTag(m.channelId, tag).catch((error: unknown) => this.logger.warn({ deliveryId: m.id, channelId: m.channelId, tag, err: error }, 'could not tag the forum post'));
    }
    if (dmOnClose) {
      await this.api.postDm(reply.authorId, loopReplyDm(reply), `${nonce}d`).catch((error: unknown) => this.logger.info({ deliveryId: m.id, authorId: reply.authorId, err: error }, 'could not send the author a DM (their DMs may be closed)'));
    }
    return messageId;
  }
}
