import { z } from 'zod';

/** A Slack ID (channel, user, user group) as Slack prints it: upper-case letters and digits. */
const SlackId = z.string().regex(/^[A-Z0-9]{2,}$/, 'expected a Slack ID such as C0123ABCD');
/** Discord snowflakes are numbers too large for JSON numbers, so they are written as strings. */
const Snowflake = z.string().regex(/^\d{1,20}$/, 'expected a Discord ID (digits, quoted)');

export const ChannelRef = z
  .union([
    z.strictObject({ slack: SlackId.describe('A Slack channel ID, such as C0123ABCD (the channel\'s details show it). Invite the bot to the channel.') }),
    z.strictObject({ discord: Snowflake.describe('A Discord channel ID, quoted (Developer Mode → right-click the channel → Copy Channel ID).') }),
  ], { error: 'expected a slack or discord channel, such as { slack: C0PRODUCT } or { discord: "1203" }' })
  .describe('A channel: { slack: C0123ABCD } or { discord: "1203…" }.');
export type ChannelRef = z.infer<typeof ChannelRef>;

/** A person on a platform. `console` identities are used by the demo and the terminal. */
export const UserRef = z
  .union([
    z.strictObject({ slack: SlackId.describe('A Slack member ID, such as U0123ABCD (profile → ⋮ → Copy member ID).') }),
    z.strictObject({ discord: Snowflake.describe('A Discord user ID, quoted (Developer Mode → right-click the user → Copy User ID).') }),
    z.strictObject({ console: z.string().min(1).describe('A name for the terminal and the demo, such as maya (no chat account needed).') }),
  ], { error: 'expected a user such as { slack: U0AMBER }, { discord: "123" } or { console: alice }' })
  .describe('A person: { slack: U… }, { discord: "…" } or { console: name }.');
export type UserRef = z.infer<typeof UserRef>;

/** Who belongs to a group (a team, the community managers, an on-call rota). Any combination may be given. */
export const MembersRef = z
  .strictObject({
    slackUserGroup: SlackId.optional().describe('A Slack user group ID, such as S0123ABCD: its members belong (read with usergroups:read).'),
    discordRole: Snowflake.optional().describe('A Discord role ID, quoted: members with the role belong.'),
    users: z.array(UserRef).optional().describe('People who belong, listed one by one.'),
  })
  .refine((m) => m.slackUserGroup || m.discordRole || m.users?.length, {
    error: 'expected at least one of slackUserGroup, discordRole or users',
  })
  .describe('Who belongs: a Slack user group, a Discord role and/or a list of users.');
export type MembersRef = z.infer<typeof MembersRef>;

/** Who to mention when paging: a Slack user group or user, a Discord role or user. */
export const MentionRef = z
  .union([
    z.strictObject({ slackUserGroup: SlackId.describe('A Slack user group ID (S…), mentioned as @group.') }),
    z.strictObject({ slackUser: SlackId.describe('A Slack member ID (U…), mentioned as @person.') }),
    z.strictObject({ discordRole: Snowflake.describe('A Discord role ID, quoted, mentioned as @role.') }),
    z.strictObject({ discordUser: Snowflake.describe('A Discord user ID, quoted, mentioned as @person.') }),
  ], { error: 'expected one of slackUserGroup, slackUser, discordRole or discordUser' })
  .describe('Who is mentioned when paging: one Slack user group or user, or one Discord role or user.');
export type MentionRef = z.infer<typeof MentionRef>;

export function channelPlatform(ref: ChannelRef): 'slack' | 'discord' {
  return 'slack' in ref ? 'slack' : 'discord';
}
export function channelId(ref: ChannelRef): string {
  return 'slack' in ref ? ref.slack : ref.discord;
}
export function userKey(ref: UserRef): { platform: 'slack' | 'discord' | 'console'; id: string } {
  if ('slack' in ref) return { platform: 'slack', id: ref.slack };
  if ('discord' in ref) return { platform: 'discord', id: ref.discord };
  return { platform: 'console', id: ref.console };
}
