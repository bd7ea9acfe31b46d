import { ApplicationFlags, PermissionFlagsBits, SnowflakeUtil } from 'discord.js';

export type Json = Record<string, unknown>;
export interface FakeChannel extends Json { id: string; type: number; guild_id?: string; name?: string; parent_id?: string | null; last_message_id?: string | null; applied_tags?: string[]; available_tags?: { id: string; name: string }[]; thread_metadata?: Json }
export interface FakeMessage extends Json { id: string; channel_id: string; content: string; author: Json; embeds: Json[]; components: Json[] }
export interface FakeMember extends Json { user: Json; roles: string[]; nick: string | null }

export const BOT_USER = { id: '990000000000000001', username: 'Liaison', discriminator: '0', global_name: 'Liaison', avatar: null, bot: true };
export const APPLICATION_ID = '990000000000000002';
export const GUILD_ID = '1100';
export const CHANNEL = { source: '1101', forum: '1102', supportHome: '1203', elsewhere: '1150' } as const;
export const ROLE = { support: '7781', oncall: '7782', communityManager: '7790' } as const;
export const TAG = { bug: '5501', resolved: '5502', declined: '5503' } as const;
const P = PermissionFlagsBits;
/** What @everyone may do in a new server (a subset: the permissions Liaison uses, but Manage Threads). */
const DEFAULT_EVERYONE = P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads | P.EmbedLinks | P.ReadMessageHistory | P.AddReactions;

/**
 * Discord's side of the world for one test: a guild with the test config's channels, a forum with tags, and the
 * messages everyone (the bot included) has posted. IDs are real snowflakes from a clock, so they sort by time.
 */
export class FakeState {
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, Map<string, FakeMessage>>();
  readonly members = new Map<string, FakeMember>();
  readonly nonces = new Map<string, FakeMessage>();
  /** The application's flags (GET /applications/@me): the Message Content intent is on, as for a bot in few servers. */
  applicationFlags: number = ApplicationFlags.GatewayMessageContentLimited;
  /** The servers the bot is in, with their roles; the @everyone role has the guild's ID and Discord's default permissions. */
  readonly guilds = new Map<string, { id: string; name: string; roles: { id: string; name: string; permissions: string; mentionable: boolean }[] }>([
    [GUILD_ID, {
      id: GUILD_ID, name: 'Makers',
      roles: [
        { id: GUILD_ID, name: '@everyone', permissions: String(DEFAULT_EVERYONE), mentionable: false },
        { id: ROLE.support, name: 'Support', permissions: '0', mentionable: false },
        { id: ROLE.oncall, name: 'Support on-call', permissions: '0', mentionable: true },
        { id: ROLE.communityManager, name: 'Community managers', permissions: '0', mentionable: false },
      ],
    }],
  ]);
  private lastStamp = 0;

  constructor(private readonly now: () => Date) {
    const text = (id: string, name: string): FakeChannel => ({ id, type: 0, guild_id: GUILD_ID, name, position: 0, permission_overwrites: [], parent_id: null, last_message_id: null });
    for (const c of [text(CHANNEL.source, 'feedback'), text(CHANNEL.supportHome, 'support-team'), text(CHANNEL.elsewhere, 'general')]) this.addChannel(c);
    this.addChannel({
      id: CHANNEL.forum, type: 15, guild_id: GUILD_ID, name: 'help-forum', position: 1, permission_overwrites: [], parent_id: null, last_message_id: null,
      available_tags: [{ id: TAG.bug, name: 'Bug' }, { id: TAG.resolved, name: 'Resolved' }, { id: TAG.declined, name: 'Declined' }].map((t) => ({ ...t, moderated: false, emoji_id: null, emoji_name: null })),
    });
  }

  snowflake(): string {
    // Strictly increasing even within one millisecond, as Discord's are.
    const stamp = Math.max(this.now().getTime(), this.lastStamp + 1);
    this.lastStamp = stamp;
    return SnowflakeUtil.generate({ timestamp: stamp }).toString();
  }

  addChannel(channel: FakeChannel): FakeChannel {
    this.channels.set(channel.id, channel);
    if (!this.messages.has(channel.id)) this.messages.set(channel.id, new Map());
    return channel;
  }

  addMember(user: { id: string; username: string; global_name?: string }, roles: string[] = [], nick: string | null = null): FakeMember {
    const member: FakeMember = { user: { discriminator: '0', avatar: null, global_name: null, ...user }, roles, nick, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, pending: false, avatar: null, premium_since: null };
    this.members.set(user.id, member);
    return member;
  }

  /** Stores a message as Discord would after a user or the bot posted it. */
  addMessage(channelId: string, fields: Partial<FakeMessage> & { author: Json }): FakeMessage {
    const id = fields.id ?? this.snowflake();
    const message: FakeMessage = {
      type: 0, tts: false, timestamp: new Date(Number(SnowflakeUtil.timestampFrom(id))).toISOString(), edited_timestamp: null, mention_everyone: false, mentions: [], mention_roles: [],
      attachments: [], embeds: [], components: [], pinned: false, flags: 0, content: '', ...fields, id, channel_id: channelId,
    };
    this.messages.get(channelId)?.set(id, message);
    const channel = this.channels.get(channelId);
    if (channel) channel.last_message_id = id;
    return message;
  }

  message(channelId: string, id: string): FakeMessage | undefined {
    return this.messages.get(channelId)?.get(id);
  }

  /** Everything the bot posted in a channel, oldest first. */
  botMessages(channelId: string): FakeMessage[] {
    return [...(this.messages.get(channelId)?.values() ?? [])].filter((m) => m.author.id === BOT_USER.id);
  }
}
