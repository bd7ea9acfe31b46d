import type { Interaction } from 'discord.js';
import type { Actor } from '../../../core/actor.js';
import { actorOf, type DiscordPerson } from '../actor-of.js';
import type { DiscordEmbed } from '../presenters/embed-limits.js';
import type { GatewayDeps } from '../gateway/gateway-deps.js';

export type InteractionDeps = GatewayDeps;

/** What a command handler answers; the dispatcher sends it as the (ephemeral) reply, pinging nobody. */
export interface Reply {
  content?: string;
  embeds?: DiscordEmbed[];
}

/** The person behind an interaction, with the teams their roles in this guild give them. */
export function actorOfInteraction(deps: InteractionDeps, interaction: Interaction): Actor {
  return actorOf(deps.ctx.config, personOfInteraction(interaction));
}

/** Who Discord says sent an interaction: the user, their nickname here and their role IDs in this guild. */
export function personOfInteraction(interaction: Interaction): DiscordPerson {
  const member = interaction.member;
  const roles = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const nick = !member ? null : 'nickname' in member ? member.nickname : (member.nick ?? null);
  return { id: interaction.user.id, username: interaction.user.username, globalName: interaction.user.globalName, nick, roles };
}

/** One key per interaction: Discord may deliver an interaction again after a resume; it is recorded once. */
export const interactionKey = (interaction: Interaction) => `discord:interaction:${interaction.id}`;

export const teamName = (deps: InteractionDeps, team: string) => deps.ctx.config.teams[team]?.name ?? team;
