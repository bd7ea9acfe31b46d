import { PermissionFlagsBits } from 'discord.js';

export interface Overwrite { id: string; type: number; allow: string; deny: string }
export interface Role { id: string; permissions: string }

const ALL = Object.values(PermissionFlagsBits).reduce((bits, bit) => bits | bit, 0n);

/**
 * What a member may do in a channel, as Discord computes it: the @everyone role and the member's roles, then the
 * channel's overwrites for @everyone, for the member's roles together, and for the member, each in that order.
 */
export function channelPermissions(input: { guildId: string; userId: string; memberRoles: string[]; roles: Role[]; overwrites: Overwrite[] }): bigint {
  const roles = new Map(input.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let bits = roles.get(input.guildId) ?? 0n;
  for (const id of input.memberRoles) bits |= roles.get(id) ?? 0n;
  if (bits & PermissionFlagsBits.Administrator) return ALL;
  const apply = (allow: bigint, deny: bigint) => {
    bits = (bits & ~deny) | allow;
  };
  const everyone = input.overwrites.find((o) => o.id === input.guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  const mine = input.overwrites.filter((o) => o.type === 0 && input.memberRoles.includes(o.id));
  apply(mine.reduce((a, o) => a | BigInt(o.allow), 0n), mine.reduce((d, o) => d | BigInt(o.deny), 0n));
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) apply(BigInt(member.allow), BigInt(member.deny));
  return bits;
}
