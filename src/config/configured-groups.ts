import type { MembersRef, MentionRef } from './refs.js';
import type { LiaisonConfig } from './schema.js';

/** Why the config names a user group or role. */
export type GroupUse = { kind: 'members'; team: string } | { kind: 'oncall'; team: string } | { kind: 'community_managers' } | { kind: 'leadership' };

export interface ConfiguredGroup {
  platform: 'slack' | 'discord';
  id: string;
  uses: GroupUse[];
}

/** Every Slack user group and Discord role the config names, once each, with every reason it is named. */
export function configuredGroups(config: LiaisonConfig): ConfiguredGroup[] {
  const found = new Map<string, ConfiguredGroup>();
  const add = (platform: 'slack' | 'discord', id: string | undefined, use: GroupUse) => {
    if (!id) return;
    const group = found.get(`${platform}:${id}`) ?? { platform, id, uses: [] };
    group.uses.push(use);
    found.set(`${platform}:${id}`, group);
  };
  const members = (ref: MembersRef | undefined, use: GroupUse) => {
    add('slack', ref?.slackUserGroup, use);
    add('discord', ref?.discordRole, use);
  };
  const mention = (ref: MentionRef | undefined, use: GroupUse) => {
    if (ref && 'slackUserGroup' in ref) add('slack', ref.slackUserGroup, use);
    if (ref && 'discordRole' in ref) add('discord', ref.discordRole, use);
  };
  for (const [key, team] of Object.entries(config.teams)) {
    members(team.members, { kind: 'members', team: team.name ?? key });
    mention(team.oncall, { kind: 'oncall', team: team.name ?? key });
  }
  members(config.roles.communityManagers, { kind: 'community_managers' });
  members(config.roles.leadership, { kind: 'leadership' });
  return [...found.values()];
}
