import { REST, Routes } from 'discord.js';
import { COMMAND_DEFINITIONS } from './definitions/index.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A guild registers instantly (good for trying it out); global commands reach every server Liaison is in. */
  guildId?: string;
  apiUrl?: string;
}

/**
 * Replaces Liaison's commands with exactly the definitions the handlers are typed from (a bulk PUT: commands
 * removed from the code disappear from Discord too).
 */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: string; names: string[] }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: COMMAND_DEFINITIONS })) as { name: string }[];
  return { scope: options.guildId ? `guild ${options.guildId}` : 'global', names: registered.map((c) => c.name) };
}
