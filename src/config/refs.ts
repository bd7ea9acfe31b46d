import { z } from 'zod';

/** A Slack ID (channel, user, user group) as Slack prints it: upper-case letters and digits. */
const SlackId = z.string().regex(/^[A-Z0-9]{2,}$/, 'expected a Slack ID such as C0123ABCD');
/** Discord snowflakes are numbers too large for JSON numbers, so they are written as strings. */
const Snowflake = z.string().regex(/^\d{1,20}$/, 'expected a Discord ID (digits, quoted)');

export const ChannelRef = z.union([
  z.strictObject({ slack: SlackId }),
  z.strictObject({ discord: Snowflake }),
], { error: 'expected a slack or discord channel, such as { slack: C0PRODUCT } or { discord: "1203" }' });
export type ChannelRef = z.infer<typeof ChannelRef>;

/** A person on a platform. `console` identities are used by the demo and the terminal. */
export const UserRef = z.union([
  z.strictObject({ slack: SlackId }),
  z.strictObject({ discord: Snowflake }),
  z.strictObject({ console: z.string().min(1) }),
], { error: 'expected a user such as { slack: U0AMBER }, { discord: "123" } or { console: alice }' });
export type UserRef = z.infer<typeof UserRef>;

/** Who belongs to a group (a team, the community managers, an on-call rota). Any combination may be given. */
export const MembersRef = z
  .strictObject({
    slackUserGroup: SlackId.optional(),
    discordRole: Snowflake.optional(),
    users: z.array(UserRef).optional(),
  })
  .refine((m) => m.slackUserGroup || m.discordRole || m.users?.length, {
    error: 'expected at least one of slackUserGroup, discordRole or users',
  });
export type MembersRef = z.infer<typeof MembersRef>;

/** Who to mention when paging: a Slack user group or user, a Discord role or user. */
export const MentionRef = z.union([
  z.strictObject({ slackUserGroup: SlackId }),
  z.strictObject({ slackUser: SlackId }),
  z.strictObject({ discordRole: Snowflake }),
  z.strictObject({ discordUser: Snowflake }),
], { error: 'expected one of slackUserGroup, slackUser, discordRole or discordUser' });
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
