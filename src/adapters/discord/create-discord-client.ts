import { Client, GatewayIntentBits, Partials } from 'discord.js';

/**
 * The gateway client. MessageContent is privileged (enable it in the developer portal) and is what lets Liaison
 * read community messages. The partials let reactions on messages from before a restart reach the listeners.
 * `apiUrl` moves REST elsewhere (a proxy, or the tests' fake Discord); the gateway URL comes from GET /gateway/bot.
 */
export function createDiscordClient(apiUrl: string | undefined): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    // Nothing Liaison sends pings anyone unless the message itself says whom.
    allowedMentions: { parse: [] },
    ...(apiUrl ? { rest: { api: apiUrl } } : {}),
  });
}
