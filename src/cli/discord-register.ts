import type { Command } from 'commander';
import { parseEnv } from '../config/env.js';
import { command } from './runtime.js';
import { UserError } from './user-error.js';

export interface DiscordRegisterIo {
  env?: Record<string, string | undefined>;
  out?: (line: string) => void;
}

/** `liaison discord register [--guild <id>]`: registers the slash and context-menu commands with Discord. */
export function registerDiscordCommands(program: Command, io: DiscordRegisterIo = {}): void {
  const discord = program.commands.find((c) => c.name() === 'discord') ?? program.command('discord').description('Discord set-up');
  discord
    .command('register')
    .description('Register Liaison’s slash commands and its "Send to Liaison" message command (globally, or in one guild)')
    .option('--guild <id>', 'register in this guild only: instant, good for trying Liaison out')
    .action(command(async (options: { guild?: string }) => {
      // discord.js is loaded only for this command (and when the bot runs with a Discord token).
      const { registerCommands } = await import('../adapters/discord/commands/register-commands.js');
      const { inviteUrl } = await import('../adapters/discord/bot-permissions.js');
      const env = parseEnv(io.env ?? process.env);
      const missing = [env.DISCORD_TOKEN ? '' : 'DISCORD_TOKEN', env.DISCORD_APPLICATION_ID ? '' : 'DISCORD_APPLICATION_ID'].filter(Boolean);
      if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) throw new UserError(`Set ${missing.join(' and ')} to register commands (the Discord developer portal shows both; see the README's Discord section).`);
      if (options.guild !== undefined && !/^\d{1,20}$/.test(options.guild)) throw new UserError(`--guild expects a guild ID (digits), not "${options.guild}".`);
      const result = await registerCommands({ token: env.DISCORD_TOKEN, applicationId: env.DISCORD_APPLICATION_ID, guildId: options.guild, apiUrl: env.DISCORD_API_URL });
      const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
      out(`Registered ${result.names.length} commands (${result.scope}): ${result.names.join(', ')}`);
      out(`Invite link (bot + commands, with the permissions Liaison uses): ${inviteUrl(env.DISCORD_APPLICATION_ID)}`);
    }));
}
