import { Duration } from '../../../../config/duration.js';
import { isActive } from '../../../../core/actions/transitions.js';
import { buildDigest } from '../../../../core/build-digest.js';
import { describeItem } from '../../../../core/describe-item.js';
import { DomainError } from '../../../../core/errors.js';
import { findItem } from '../../../../core/find-item.js';
import { snoozeRouting } from '../../../../core/snooze-routing.js';
import type { DigestSummary } from '../../../../delivery/content.js';
import { discordTime } from '../../discord-text.js';
import { actorOfInteraction, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';
import { digestSummaryMessages } from '../../presenters/digest-embeds.js';
import type { ArgsOf } from '../command-types.js';
import type { LiaisonCommand } from '../definitions/liaison.js';
import { itemReference } from '../item-reference.js';
import type { Interaction } from 'discord.js';

type Sub<Name extends string> = Extract<ArgsOf<typeof LiaisonCommand>, { subcommand: Name }>['args'];

/** A preview of the digest, as the leadership thread's summary would show it, only to the person asking. */
export async function digestReply(deps: InteractionDeps, args: Sub<'digest'>): Promise<Reply> {
  const report = await buildDigest(deps.ctx, { period: args.period, team: args.team });
  const summary = JSON.parse(JSON.stringify({ ...report, silos: report.silos.counts })) as DigestSummary;
  const [first] = digestSummaryMessages(summary, { threaded: false });
  return { content: `Preview of the ${report.period.key} digest (only you can see this).`, embeds: first?.embeds ?? [] };
}

/**
 * Which of the item's routings a snooze is about: the card linked, the team named, or the one active routing of a
 * team the person belongs to. Anything ambiguous is asked back rather than guessed.
 */
export async function snoozeReply(deps: InteractionDeps, interaction: Interaction, args: Sub<'snooze'>): Promise<Reply> {
  const forMs = Duration.safeParse(args.for);
  if (!forMs.success) throw new DomainError('invalid_input', 'Say how long as a duration such as 4h, 2d or 1w.');
  const actor = actorOfInteraction(deps, interaction);
  const ref = await findItem(deps.ctx, itemReference(args.item));
  const item = await describeItem(deps.ctx, { itemId: ref.itemId });
  const candidates = item.routings.filter((r) => (ref.routingId ? r.id === ref.routingId : isActive(r.status) && (args.team ? r.team.id === args.team : actor.teams.includes(r.team.id))));
  if (candidates.length !== 1) {
    const teams = item.routings.filter((r) => isActive(r.status)).map((r) => r.team.name);
    throw new DomainError('invalid_input', candidates.length === 0
      ? `#${item.id} has no open routing for ${args.team ?? 'your teams'}${teams.length > 0 ? ` (it is open with ${teams.join(', ')})` : ''}.`
      : `#${item.id} is open with several of your teams: name one with the team option.`);
  }
  const routing = candidates[0] as (typeof candidates)[number];
  const result = await snoozeRouting(deps.ctx, { routingId: routing.id, forMs: forMs.data, reason: args.reason, actor, via: 'command' });
  return { content: `Reminders about #${item.id} for ${routing.team.name} are paused until ${discordTime(result.snoozedUntil)}.` };
}
