import { z } from 'zod';
import type { LiaisonConfig } from '../config/schema.js';
import type { MembersRef } from '../config/refs.js';
import { userKey } from '../config/refs.js';

/** `tracker`: a team's issue tracker acting through its webhook (an issue closed there resolves the routing). */
export const Platform = z.enum(['slack', 'discord', 'console', 'webhook', 'tracker']);
export type Platform = z.infer<typeof Platform>;

/** A person inside the company acting through a platform, with the teams the adapter found them in. */
export const Actor = z.object({
  platform: Platform,
  id: z.string().min(1),
  name: z.string().min(1),
  teams: z.array(z.string()).default([]),
  isCommunityManager: z.boolean().default(false),
  isLeadership: z.boolean().default(false),
});
export type Actor = z.infer<typeof Actor>;

/** What an adapter knows about a user: their platform ID and the groups or roles the platform says they hold. */
export interface PlatformUser {
  platform: Platform;
  id: string;
  name: string;
  /** Slack user group IDs or Discord role IDs. */
  groups?: string[];
}

/** Matches a platform user against the config's team and community-manager memberships. */
export function resolveActor(config: LiaisonConfig, user: PlatformUser): Actor {
  const groups = new Set(user.groups ?? []);
  const belongs = (members: MembersRef | undefined) => {
    if (!members) return false;
    if (user.platform === 'slack' && members.slackUserGroup && groups.has(members.slackUserGroup)) return true;
    if (user.platform === 'discord' && members.discordRole && groups.has(members.discordRole)) return true;
    return (members.users ?? []).some((ref) => {
      const key = userKey(ref);
      return key.platform === user.platform && key.id === user.id;
    });
  };
  return {
    platform: user.platform,
    id: user.id,
    name: user.name,
    teams: Object.entries(config.teams).filter(([, team]) => belongs(team.members)).map(([key]) => key),
    isCommunityManager: belongs(config.roles.communityManagers),
    isLeadership: belongs(config.roles.leadership),
  };
}

/** The Slack user groups and Discord roles that membership depends on, so adapters know what to look up. */
export function membershipGroups(config: LiaisonConfig): { slack: string[]; discord: string[] } {
  const refs = [...Object.values(config.teams).map((t) => t.members), config.roles.communityManagers, config.roles.leadership];
  return {
    slack: [...new Set(refs.flatMap((m) => (m?.slackUserGroup ? [m.slackUserGroup] : [])))],
    discord: [...new Set(refs.flatMap((m) => (m?.discordRole ? [m.discordRole] : [])))],
  };
}

export const SYSTEM_ACTOR: Actor = { platform: 'console', id: 'liaison', name: 'Liaison', teams: [], isCommunityManager: false, isLeadership: false };
