import type { LiaisonConfig } from './schema.js';

/** Why the config names a channel, for a set-up check to say what a missing one breaks. */
export type ChannelUse =
  | { kind: 'team_home'; team: string }
  | { kind: 'source'; community: string }
  | { kind: 'forum'; community: string }
  | { kind: 'leadership_digest' };

export interface ConfiguredChannel {
  platform: 'slack' | 'discord';
  id: string;
  /** The Discord server a source channel belongs to (the config says so for sources only). */
  guild?: string;
  uses: ChannelUse[];
}

/** Every chat channel the config names, once each, with every reason it is named. */
export function configuredChannels(config: LiaisonConfig): ConfiguredChannel[] {
  const found = new Map<string, ConfiguredChannel>();
  const add = (platform: 'slack' | 'discord', id: string, use: ChannelUse, guild?: string) => {
    const key = `${platform}:${id}`;
    const channel = found.get(key) ?? { platform, id, uses: [] };
    channel.uses.push(use);
    if (guild) channel.guild = guild;
    found.set(key, channel);
  };
  for (const [key, team] of Object.entries(config.teams)) {
    const use: ChannelUse = { kind: 'team_home', team: team.name ?? key };
    if ('slack' in team.home) add('slack', team.home.slack, use);
    else add('discord', team.home.discord, use);
  }
  for (const [key, community] of Object.entries(config.communities)) {
    const name = community.name ?? key;
    for (const source of community.sources) {
      if ('slack' in source) for (const id of source.slack.channels) add('slack', id, { kind: 'source', community: name });
      if ('discord' in source) {
        for (const id of source.discord.channels) add('discord', id, { kind: 'source', community: name }, source.discord.guild);
        for (const id of source.discord.forums) add('discord', id, { kind: 'forum', community: name }, source.discord.guild);
      }
    }
  }
  const leadership = config.digests.leadership?.home;
  if (leadership) {
    if ('slack' in leadership) add('slack', leadership.slack, { kind: 'leadership_digest' });
    else add('discord', leadership.discord, { kind: 'leadership_digest' });
  }
  return [...found.values()];
}

/** The Discord servers the config's sources are in. */
export function configuredGuilds(config: LiaisonConfig): string[] {
  const guilds = Object.values(config.communities).flatMap((c) => c.sources.flatMap((s) => ('discord' in s ? [s.discord.guild] : [])));
  return [...new Set(guilds)];
}
