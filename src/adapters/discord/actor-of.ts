import type { LiaisonConfig } from '../../config/schema.js';
import { resolveActor, type Actor } from '../../core/actor.js';

/** What Discord tells us about a person: the user, their nickname in the guild, and their role IDs there. */
export interface DiscordPerson {
  id: string;
  username: string;
  globalName?: string | null;
  nick?: string | null;
  roles: Iterable<string>;
}

/** A Discord member as an Actor: teams and the community-manager flag come from their roles, matched by the core. */
export function actorOf(config: LiaisonConfig, person: DiscordPerson): Actor {
  return resolveActor(config, { platform: 'discord', id: person.id, name: displayName(person), groups: [...person.roles] });
}

export function displayName(person: Pick<DiscordPerson, 'username' | 'globalName' | 'nick'>): string {
  return (person.nick || person.globalName || person.username || 'someone').slice(0, 200);
}
