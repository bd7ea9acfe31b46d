import type { ChannelUse, ConfiguredChannel } from '../config/configured-channels.js';
import type { ConfiguredGroup, GroupUse } from '../config/configured-groups.js';

const useWords = (use: ChannelUse): string => {
  switch (use.kind) {
    case 'team_home': return `home of team ${use.team}`;
    case 'source': return `source of community ${use.community}`;
    case 'forum': return `forum of community ${use.community}`;
    case 'leadership_digest': return 'leadership digest';
  }
};

/** "C0SALES (home of team Sales, leadership digest)", with the channel's name when the platform gave it. */
export function channelWords(channel: ConfiguredChannel & { name?: string }): string {
  return `${channel.name ? `#${channel.name} ` : ''}${channel.id} (${channel.uses.map(useWords).join(', ')})`;
}

/** The example configs' IDs are placeholders such as CXXXXPRODUCT, valid in form so that check-config passes. */
export const isPlaceholder = (id: string) => /X{4}/.test(id);

/** Every placeholder ID left in the config, with where it is: `SXXXXPRODUCT (teams.product.members.slackUserGroup)`. */
export function placeholderIds(config: unknown): { id: string; path: string }[] {
  const found: { id: string; path: string }[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string' && isPlaceholder(value)) found.push({ id: value, path: path.join('.') });
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(config, []);
  return found;
}

const groupUseWords = (use: GroupUse): string => {
  switch (use.kind) {
    case 'members': return `members of team ${use.team}`;
    case 'oncall': return `on-call of team ${use.team}`;
    case 'community_managers': return 'community managers';
    case 'leadership': return 'leadership';
  }
};

/** "S0SALES (members of team Sales, community managers)", with the group's name when the platform gave it. */
export function groupWords(group: ConfiguredGroup & { name?: string }): string {
  return `${group.name ? `@${group.name} ` : ''}${group.id} (${group.uses.map(groupUseWords).join(', ')})`;
}
