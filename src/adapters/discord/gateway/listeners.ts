import { Events, type Client, type GatewayMessageCreateDispatchData, type GatewayMessageReactionAddDispatchData, type Interaction } from 'discord.js';
import { catchUp } from './catch-up.js';
import type { GatewayDeps } from './gateway-deps.js';
import type { InFlight } from './in-flight.js';
import { onMessage } from './message-capture.js';
import { onReaction } from './reaction-events.js';
import { onUncachedStarterMessage } from './uncached-forum-post.js';
import { onUncachedReaction } from './uncached-thread-reaction.js';

/**
 * Wires discord.js events to Liaison. Each handler runs detached and tracked, so a slow database never holds up
 * the gateway, and shutdown can wait for work in progress. Handlers log their own failures.
 */
export function attachListeners(client: Client, deps: GatewayDeps, inFlight: InFlight, dispatchInteraction: (i: Interaction) => Promise<void>): void {
  const run = (what: string, work: () => Promise<unknown>) => inFlight.track(work().catch((error: unknown) => deps.logger.error({ err: error, what }, 'discord listener failed')));
  client.on(Events.InteractionCreate, (interaction) => run('interaction', () => dispatchInteraction(interaction)));
  client.on(Events.MessageCreate, (message) => run('message', () => onMessage(deps, message)));
  // Before discord.js handles them: what it would drop that Liaison needs (see uncached-forum-post.ts and
  // uncached-thread-reaction.ts). Each looks at the cache before its first await, so before discord.js has seen the packet.
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t === 'MESSAGE_CREATE') run('forum post', () => onUncachedStarterMessage(deps, packet.d as GatewayMessageCreateDispatchData));
    const op = packet.t === 'MESSAGE_REACTION_ADD' ? 'add' : packet.t === 'MESSAGE_REACTION_REMOVE' ? 'remove' : undefined;
    if (op) run('reaction in an uncached channel', () => onUncachedReaction(deps, op, packet.d as GatewayMessageReactionAddDispatchData));
  });
  client.on(Events.MessageReactionAdd, (reaction, user) => run('reaction add', () => onReaction(deps, 'add', reaction, user)));
  client.on(Events.MessageReactionRemove, (reaction, user) => run('reaction remove', () => onReaction(deps, 'remove', reaction, user)));
  // A new session (start, or a reconnect that could not resume) means events in between were never sent: fetch them.
  client.on(Events.ShardReady, (shardId) => run('catch-up', async () => {
    deps.logger.info({ shardId }, 'discord gateway session ready');
    await catchUp(deps);
  }));
  client.on(Events.ShardResume, (shardId, replayed) => deps.logger.info({ shardId, replayed }, 'discord gateway session resumed'));
  client.on(Events.ShardDisconnect, (event, shardId) => deps.logger.warn({ shardId, code: event.code }, 'discord gateway disconnected for good'));
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => deps.logger.warn({ message }, 'discord client warning'));
}
