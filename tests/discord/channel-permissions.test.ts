import { PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { channelPermissions } from '../../src/adapters/discord/setup/channel-permissions.js';

const GUILD = '1100';
const BOT = '99';
const everyone = { id: GUILD, permissions: String(P.ViewChannel | P.SendMessages) };
const can = (bits: bigint, flag: bigint) => (bits & flag) === flag;

describe("the bot's permissions in a channel, computed as Discord does", () => {
  it('a channel overwrite for @everyone takes away what the roles give, a role overwrite gives back, the member overwrite has the last word', () => {
    const overwrites = [
      { id: GUILD, type: 0, allow: '0', deny: String(P.SendMessages | P.ViewChannel) },
      { id: '7', type: 0, allow: String(P.ViewChannel | P.SendMessages), deny: '0' },
      { id: BOT, type: 1, allow: '0', deny: String(P.SendMessages) },
    ];
    const bits = channelPermissions({ guildId: GUILD, userId: BOT, memberRoles: ['7'], roles: [everyone, { id: '7', permissions: '0' }], overwrites });
    expect(can(bits, P.ViewChannel)).toBe(true);
    expect(can(bits, P.SendMessages)).toBe(false);
    // Without the role, @everyone's overwrite hides the channel.
    expect(can(channelPermissions({ guildId: GUILD, userId: BOT, memberRoles: [], roles: [everyone], overwrites }), P.ViewChannel)).toBe(false);
  });

  it('Administrator allows everything, whatever the channel says', () => {
    const bits = channelPermissions({ guildId: GUILD, userId: BOT, memberRoles: ['8'], roles: [everyone, { id: '8', permissions: String(P.Administrator) }], overwrites: [{ id: BOT, type: 1, allow: '0', deny: String(P.ViewChannel) }] });
    expect(can(bits, P.ViewChannel | P.ManageThreads | P.SendMessages)).toBe(true);
  });
});
