import { Duration } from '../../../config/duration.js';
import { captureFeedback } from '../../../core/capture-feedback.js';
import { describeItem } from '../../../core/describe-item.js';
import { lastCompleteWeek } from '../../../core/digest/period.js';
import { DomainError } from '../../../core/errors.js';
import { escalate } from '../../../core/escalate.js';
import { findItem } from '../../../core/find-item.js';
import { publishDigest } from '../../../core/publish-digest.js';
import { snoozeRouting } from '../../../core/snooze-routing.js';
import { captureSentence } from '../../../delivery/capture-words.js';
import { parseEscalateCommand, parseFeedbackCommand } from '../command-text.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { forPerson, tell, type SlackDeps } from '../slack-deps.js';
import { parseItemReference, plainFromSlack, tokens } from '../slack-text.js';
import { runMemberCommand } from './member-commands.js';

export const COMMAND_KIND = 'slack.command';

export interface StoredCommand { command: string; text: string; user: string; userName: string; channel: string; responseUrl: string; triggerId: string }

/** The commands that change something, run after their acknowledgement (and again by the retry job if need be). */
export async function runCommand(deps: SlackDeps, c: StoredCommand): Promise<void> {
  const to = { user: c.user, channel: c.channel, responseUrl: c.responseUrl };
  const { ctx } = deps;
  await forPerson(deps, to, async () => {
    const actor = await deps.directory.actor(c.user);
    const teamName = (team: string) => escapeMrkdwn(ctx.config.teams[team]?.name ?? team);
    if (c.command === '/feedback') {
      const parsed = parseFeedbackCommand(c.text, ctx.config);
      if ('error' in parsed) throw new DomainError('invalid_input', parsed.error);
      const communities = Object.keys(ctx.config.communities);
      const community = parsed.community ?? deps.sources.get(c.channel) ?? (communities.length === 1 ? communities[0] : undefined);
      if (!community) throw new DomainError('invalid_input', `Say which community this is from: /feedback community:${communities[0]} …`);
      const author = parsed.member ?? { id: c.user, name: actor.name };
      const result = await captureFeedback(ctx, {
        ...(deps.sources.has(c.channel) ? { source: { platform: 'slack' as const, id: c.channel } } : {}),
        community,
        // A command has no message of its own; its trigger names it, so a retried command is one item.
        message: { platform: 'slack', channelId: c.channel, id: `command:${c.triggerId}`, text: parsed.text, postedAt: ctx.clock.now() },
        author: { platform: 'slack', id: author.id, name: author.id === c.user ? actor.name : await deps.directory.nameOf(author.id) },
        via: 'command',
        capturedBy: actor,
      });
      return tell(deps, to, `:inbox_tray: ${captureSentence(result, { team: teamName })}`);
    }
    if (c.command === '/escalate') {
      const args = parseEscalateCommand(c.text, ctx.config);
      const { itemId } = await findItem(ctx, args.ref ?? { text: '' });
      const result = await escalate(ctx, { itemId, team: args.team, priority: args.priority ?? 'high', reason: args.reason ?? '', actor, idempotencyKey: `slack:command:${c.triggerId}` });
      return tell(deps, to, `:rotating_light: #${result.itemId} escalated${result.status === 'duplicate' ? ' already' : ''}; the on-call has been paged under the card.`);
    }
    const [sub, ...args] = tokens(c.text);
    if (sub === 'merge' || sub === 'link' || sub === 'unlink') return runMemberCommand(deps, sub, args, actor, to);
    if (sub === 'digest') {
      const team = args.find((a) => a in ctx.config.teams);
      const period = lastCompleteWeek(ctx.clock.now(), ctx.config.timezone).key;
      const published = await publishDigest(ctx, team ? { kind: 'team', team } : { kind: 'leadership' }, period, ctx.clock.now());
      return tell(deps, to, published.published ? `:bar_chart: The ${team ? `${teamName(team)} ` : 'leadership '}digest for ${period} is on its way.` : `The ${team ? `${teamName(team)} ` : 'leadership '}digest for ${period} was already posted${published.report ? '' : ' (or has nowhere to go)'}.`);
    }
    if (sub === 'snooze') {
      const [item = '', duration = '', ...reason] = args;
      const ref = parseItemReference(item);
      const forMs = Duration.safeParse(duration);
      if (!ref || !forMs.success || reason.length === 0) throw new DomainError('invalid_input', 'Usage: /liaison snooze <#id> <duration such as 4h or 3d> <reason>');
      const view = await describeItem(ctx, { itemId: (await findItem(ctx, ref)).itemId });
      const mine = view.routings.filter((r) => actor.teams.includes(r.team.id) && ['open', 'acknowledged', 'owned'].includes(r.status));
      if (mine.length === 0) throw new DomainError('not_found', `None of your teams has #${view.id} open.`);
      for (const routing of mine) await snoozeRouting(ctx, { routingId: routing.id, forMs: forMs.data, reason: plainFromSlack(reason.join(' ')), actor, via: 'command' });
      return tell(deps, to, `:zzz: Reminders about #${view.id} are paused for ${duration} (${mine.map((r) => escapeMrkdwn(r.team.name)).join(', ')}).`);
    }
  });
}
