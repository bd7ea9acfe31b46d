import type { Interaction } from 'discord.js';
import { signInLink } from '../../../web-sign-in-link.js';
import { displayName } from '../../actor-of.js';
import { personOfInteraction, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';

/** `/liaison web`: a one-time sign-in link, bound to this Discord user and the roles they hold in this guild. */
export async function webReply(deps: InteractionDeps, interaction: Interaction): Promise<Reply> {
  const person = personOfInteraction(interaction);
  const answer = await signInLink(deps.ctx, deps.publicUrl, { platform: 'discord', id: person.id, name: displayName(person), groups: [...person.roles] });
  if ('refused' in answer) return { content: `⛔ ${answer.refused}` };
  const until = Math.floor(answer.expiresAt.getTime() / 1000);
  return { content: `🔗 [Open Liaison’s web app](<${answer.url}>) — this sign-in link works once, until <t:${until}:t>. It is only for you: do not share it.` };
}
