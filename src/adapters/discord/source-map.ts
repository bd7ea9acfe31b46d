import type { LiaisonConfig } from '../../config/schema.js';

export interface DiscordSourceInfo { community: string; guild: string; kind: 'channel' | 'forum' }

/** Lookups the listeners need, from the config: which channels and forums are sources, and which are team homes. */
export interface DiscordSourceMap {
  channels: Map<string, DiscordSourceInfo>;
  forums: Map<string, DiscordSourceInfo>;
  /** A community server's guild → its community, for captures outside the configured channels. */
  guildCommunity: Map<string, string>;
  /** Discord channels that are a team's home, where cards live and reactions are actions. */
  teamHomes: Set<string>;
}

export function discordSourceMap(config: LiaisonConfig): DiscordSourceMap {
  const map: DiscordSourceMap = { channels: new Map(), forums: new Map(), guildCommunity: new Map(), teamHomes: new Set() };
  for (const [community, c] of Object.entries(config.communities)) {
    for (const source of c.sources) {
      if (!('discord' in source)) continue;
      const { guild, channels, forums } = source.discord;
      if (!map.guildCommunity.has(guild)) map.guildCommunity.set(guild, community);
      for (const id of channels) map.channels.set(id, { community, guild, kind: 'channel' });
      for (const id of forums) map.forums.set(id, { community, guild, kind: 'forum' });
    }
  }
  for (const team of Object.values(config.teams)) if ('discord' in team.home) map.teamHomes.add(team.home.discord);
  return map;
}
