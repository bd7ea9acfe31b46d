import type { LiaisonConfig } from '../../config/schema.js';
import { parseItemReference, parseMention, plainFromSlack, tokens } from './slack-text.js';
import type { ItemReference } from '../../core/find-item.js';

/** `/feedback [@member] [community:key] text` */
export function parseFeedbackCommand(text: string, config: LiaisonConfig): { member?: { id: string; name?: string }; community?: string; text: string } | { error: string } {
  let rest = text.trim();
  const mention = /^<@[UW][A-Z0-9]+(?:\|[^>]*)?>/.exec(rest);
  const member = mention ? parseMention(mention[0]) : undefined;
  if (mention) rest = rest.slice(mention[0].length).trim();
  const named = /^community:([a-z0-9_-]+)(?:\s+|$)/.exec(rest);
  const community = named?.[1];
  if (named) rest = rest.slice(named[0].length).trim();
  if (community && !(community in config.communities)) return { error: `There is no community called "${community}". Known: ${Object.keys(config.communities).join(', ')}.` };
  if (!rest) return { error: 'Usage: `/feedback [@member] [community:key] what they said`' };
  // Slack sends a command's text in its wire format (`&amp;`, `<https://…|label>`, `<@U…|name>`): stored as a person wrote it.
  return { member, community, text: plainFromSlack(rest) };
}

export interface EscalateArgs { ref?: ItemReference; item?: string; team?: string; priority?: 'high' | 'urgent'; reason?: string }

/** `/escalate <link or #id> [team] [high|urgent] [reason…]`; whatever is missing is asked for in a modal. */
export function parseEscalateCommand(text: string, config: LiaisonConfig): EscalateArgs {
  const words = tokens(text);
  const args: EscalateArgs = {};
  if (words[0] && parseItemReference(words[0])) {
    args.item = words.shift();
    args.ref = parseItemReference(args.item as string);
  }
  if (words[0] && words[0] in config.teams) args.team = words.shift();
  if (words[0] === 'high' || words[0] === 'urgent') args.priority = words.shift() as 'high' | 'urgent';
  if (words.length > 0) args.reason = plainFromSlack(words.join(' '));
  return args;
}

/** What the person who merged is told; the cards say the rest. */
export function mergedText(merged: { itemId: number; merged: number[]; voices: number }): string {
  return `:link: Merged ${merged.merged.map((id) => `#${id}`).join(', ')} into #${merged.itemId}: one item, ${merged.voices} voices. Everyone who said it will hear the outcome.`;
}

export const LIAISON_HELP = [
  '*Liaison commands*',
  '`/feedback [@member] [community:key] text` — capture feedback someone gave you',
  '`/escalate <#id or message link> [team] [high|urgent] reason` — raise an item; pages the on-call',
  '`/liaison status <#id or link>` — where an item stands',
  '`/liaison history <@member | community>` — what a member or community told us, and what came of it',
  '`/liaison digest [team] [--preview]` — post last week\'s digest (once per week), or preview it just for you',
  '`/liaison snooze <#id> <duration> <reason>` — pause reminders, e.g. `/liaison snooze #42 3d waiting on legal`',
  '`/liaison merge <#id> <#id>` — two items that say the same thing become one (the older stays; every author hears the outcome)',
  '`/liaison link <member> <member>` · `/liaison unlink <member>` — one person’s identities (a mention, `discord:1234` or an e-mail), for community managers',
  '`/liaison web` — a sign-in link to Liaison’s web app, just for you (also on Liaison’s Home tab)',
  'On a card: the buttons, or react with the emoji your workspace mapped to an action (removing it takes it back).',
].join('\n');
