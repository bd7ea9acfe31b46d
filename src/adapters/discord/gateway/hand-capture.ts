import type { Message } from 'discord.js';
import type { Actor } from '../../../core/actor.js';
import { captureByHand } from '../../../core/capture-by-hand.js';
import type { CaptureResult } from '../../../core/capture-feedback.js';
import type { GatewayDeps } from './gateway-deps.js';
import { sourceOfMessage } from './message-capture.js';
import { captureInputOf, messageFacts } from './message-facts.js';

/**
 * A community manager sends a message to Liaison (capture reaction, "Send to Liaison"). In a configured source it
 * is captured as from that source; elsewhere in a community's server, as from that community.
 */
export async function captureMessageByHand(deps: GatewayDeps, message: Message<true>, actor: Actor, via: 'reaction' | 'shortcut'): Promise<CaptureResult> {
  const source = await sourceOfMessage(deps, message);
  const input = captureInputOf(messageFacts(message, source ?? { sourceId: message.channelId, kind: 'channel' }, source?.forum));
  return captureByHand(deps.ctx, {
    ...input,
    source: source ? input.source : undefined,
    community: deps.sources.guildCommunity.get(message.guildId),
    via,
    capturedBy: actor,
  });
}
