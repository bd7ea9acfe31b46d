import { ChannelType, Routes, ThreadAutoArchiveDuration, type RawFile, type REST } from 'discord.js';
import { assertWithinLimits, type MessageBody } from '../presenters/embed-limits.js';
import { hasCode } from './delivery-errors.js';

interface ApiMessage { id: string }
interface ApiChannel { id: string; type: number; guild_id?: string; parent_id?: string | null; applied_tags?: string[]; available_tags?: { id: string; name: string }[] }

const UNKNOWN_CHANNEL = 10003;
const THREAD_ALREADY_EXISTS = 160004;
const MAX_APPLIED_TAGS = 5;

/**
 * The REST calls deliveries need, on a REST client that rejects on rate limits instead of waiting (the outbox
 * decides when to try again). Every post carries a nonce with enforce_nonce, so a resend after a crash returns the
 * message already posted instead of posting it twice.
 */
export class DiscordApi {
  private readonly dmChannels = new Map<string, string>();
  private readonly guilds = new Map<string, string | null>();

  constructor(private readonly rest: REST) {}

  /** With `files`, the body goes as multipart (payload_json and one part per file), nonce included. */
  async post(channelId: string, body: MessageBody, nonce: string, files?: RawFile[]): Promise<string> {
    const message = (await this.rest.post(Routes.channelMessages(channelId), { body: { ...assertWithinLimits(body), nonce, enforce_nonce: true }, ...(files ? { files } : {}) })) as ApiMessage;
    return message.id;
  }

  /** Posts several messages in order; the first one's ID stands for them all (threads hang from it). */
  async postAll(channelId: string, bodies: MessageBody[], nonce: string, files?: RawFile[]): Promise<string> {
    bodies.forEach(assertWithinLimits);
    const ids: string[] = [];
    // Files go with the first message.
    for (const [i, body] of bodies.entries()) ids.push(await this.post(channelId, body, bodies.length === 1 ? nonce : `${nonce}.${i}`, i === 0 ? files : undefined));
    return ids[0] as string;
  }

  async edit(channelId: string, messageId: string, body: MessageBody): Promise<string> {
    const { message_reference: _reference, ...rest } = assertWithinLimits(body);
    await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: rest });
    return messageId;
  }

  /**
   * Posts in the thread started from `messageId`, starting it on first use. A thread started from a message has
   * that message's ID, so the common case is a single request.
   */
  async postInThread(channelId: string, messageId: string, threadName: string, bodies: MessageBody[], nonce: string, files?: RawFile[]): Promise<string> {
    try {
      return await this.postAll(messageId, bodies, nonce, files);
    } catch (error) {
      if (!hasCode(error, UNKNOWN_CHANNEL)) throw error;
    }
    try {
      await this.rest.post(Routes.threads(channelId, messageId), { body: { name: threadName.slice(0, 100), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek } });
    } catch (error) {
      if (!hasCode(error, THREAD_ALREADY_EXISTS)) throw error;
    }
    return this.postAll(messageId, bodies, nonce, files);
  }

  /** Starts a thread from a message Liaison posted (a combined card), so that its first reply needs one request. */
  async startThread(channelId: string, messageId: string, threadName: string): Promise<void> {
    try {
      await this.rest.post(Routes.threads(channelId, messageId), { body: { name: threadName.slice(0, 100), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek } });
    } catch (error) {
      if (!hasCode(error, THREAD_ALREADY_EXISTS)) throw error;
    }
  }

  /** An ephemeral follow-up to an interaction, through its webhook (authorised by the token, not the bot). */
  async followUp(applicationId: string, token: string, body: MessageBody): Promise<string> {
    const message = (await this.rest.post(Routes.webhook(applicationId, token), { body: { ...assertWithinLimits(body), flags: 64 }, auth: false })) as ApiMessage;
    return message.id;
  }

  async postDm(userId: string, body: MessageBody, nonce: string): Promise<string> {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      channelId = ((await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as ApiChannel).id;
      this.dmChannels.set(userId, channelId);
    }
    return this.post(channelId, body, nonce);
  }

  /** The guild a channel belongs to (null for a DM), remembered: channels do not move between guilds. */
  async guildOf(channelId: string): Promise<string | null> {
    if (!this.guilds.has(channelId)) this.guilds.set(channelId, ((await this.rest.get(Routes.channel(channelId))) as ApiChannel).guild_id ?? null);
    return this.guilds.get(channelId) ?? null;
  }

  /**
   * Adds the forum tag named `tagName` to a forum post, if the channel is a forum post and its forum has that tag.
   * Returns whether a tag was applied, for the log.
   */
  async applyForumTag(threadId: string, tagName: string): Promise<boolean> {
    const thread = (await this.rest.get(Routes.channel(threadId))) as ApiChannel;
    if (thread.type !== ChannelType.PublicThread || !thread.parent_id) return false;
    const forum = (await this.rest.get(Routes.channel(thread.parent_id))) as ApiChannel;
    if (forum.type !== ChannelType.GuildForum) return false;
    const tag = forum.available_tags?.find((t) => t.name.toLowerCase() === tagName.toLowerCase());
    const applied = thread.applied_tags ?? [];
    if (!tag || applied.includes(tag.id) || applied.length >= MAX_APPLIED_TAGS) return false;
    await this.rest.patch(Routes.channel(threadId), { body: { applied_tags: [...applied, tag.id] } });
    return true;
  }
}
