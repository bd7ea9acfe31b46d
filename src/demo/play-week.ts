import { DateTime } from 'luxon';
import { resolveActor } from '../core/actor.js';
import { captureFeedback, type CaptureInput } from '../core/capture-feedback.js';
import type { ManualClock } from '../core/clock.js';
import type { Context } from '../core/context.js';
import { escalate } from '../core/escalate.js';
import { excerpt } from '../core/inert-text.js';
import { mergeDuplicates } from '../core/merge-duplicates.js';
import { recordAction } from '../core/record-action.js';
import type { Period } from '../core/digest/period.js';
import type { OutboxWorker } from '../delivery/outbox-worker.js';
import { WEEK, type Person, type Step, type Where } from './week-script.js';

/** What the demo did, per team, counted from the verbs' own answers: the digest must show the same. */
export type Tally = Record<string, { received: Set<number>; acknowledged: Set<number>; resolved: Set<number>; declined: Set<number>; passedOn: Set<number> }>;

const WHERE: Record<Where, (label: string) => Pick<CaptureInput, 'source' | 'message'> & { platform: 'discord' | 'slack' | 'webhook' }> = {
  makers: (id) => ({ platform: 'discord', source: { platform: 'discord', id: '1100000000000000011' }, message: { platform: 'discord', channelId: '1100000000000000011', id: id, text: '', postedAt: new Date() } }),
  'makers-forum': (id) => ({ platform: 'discord', source: { platform: 'discord', id: '1100000000000000012' }, message: { platform: 'discord', channelId: id, id: id, text: '', postedAt: new Date() } }),
  harbor: (id) => ({ platform: 'slack', source: { platform: 'slack', id: 'C0HARBOR' }, message: { platform: 'slack', channelId: 'C0HARBOR', id: `17${id}.000200`, text: '', postedAt: new Date() } }),
  forum: (id) => ({ platform: 'webhook', source: { platform: 'webhook', id: 'forum' }, message: { platform: 'webhook', channelId: 'forum', id: `topic-${id}`, text: '', postedAt: new Date() } }),
};

const VERB = { acknowledge: 'acknowledges', own: 'takes', resolve: 'resolves', decline: 'declines', pass_on: 'passes on' } as const;

export function stepTime(week: Period, at: string): Date {
  const [day, time] = at.split(' ') as [string, string];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const offset = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(day);
  return DateTime.fromJSDate(week.start, { zone: week.timezone }).plus({ days: offset }).set({ hour, minute }).toJSDate();
}

/**
 * Plays the scripted week against the real core: each step at its time on the clock, deliveries drained to the
 * console as they would be posted. Returns the tally and narrates each step through `say`.
 */
export async function playWeek(ctx: Context & { clock: ManualClock }, week: Period, worker: OutboxWorker, say: (line: string) => void): Promise<{ tally: Tally; skipped: string[] }> {
  const tally: Tally = {};
  const count = (team: string, key: keyof Tally[string], routingId: number) => {
    tally[team] ??= { received: new Set(), acknowledged: new Set(), resolved: new Set(), declined: new Set(), passedOn: new Set() };
    tally[team][key].add(routingId);
  };
  const items = new Map<string, { itemId: number; routings: Map<string, number> }>();
  const skipped: string[] = [];
  const person = (who: Person) => resolveActor(ctx.config, { platform: 'console', id: who, name: who[0]?.toUpperCase() + who.slice(1) });
  const steps = [...WEEK].sort((a, b) => stepTime(week, a.at).getTime() - stepTime(week, b.at).getTime());
  for (const [index, step] of steps.entries()) {
    const at = stepTime(week, step.at);
    ctx.clock.set(at);
    const stamp = DateTime.fromJSDate(at, { zone: week.timezone }).toFormat('ccc HH:mm');
    const outcome = await perform(step, index);
    if (outcome) say(`${stamp}  ${outcome}`);
    await worker.drain();
  }
  return { tally, skipped };

  async function perform(step: Step, index: number): Promise<string | undefined> {
    if ('capture' in step) {
      const { label, where, author, text, title } = step.capture;
      const place = WHERE[where](`${1_200_000_000_000_000_000n + BigInt(index)}`);
      const result = await captureFeedback(ctx, { source: place.source, message: { ...place.message, text, title, postedAt: ctx.clock.now() }, author: { platform: place.platform, id: `${where}:${author}`, name: author }, via: where === 'makers-forum' ? 'forum_post' : where === 'forum' ? 'webhook' : 'message' });
      const community = ctx.config.communities[where === 'makers-forum' ? 'makers' : where]?.name ?? where;
      if (result.status !== 'created') return `${community} · ${author}: "${excerpt(text, 60)}" → not routed (${result.status === 'ignored' ? 'chatter' : 'duplicate'})`;
      items.set(label, { itemId: result.itemId, routings: new Map(result.routings.map((r) => [r.team, r.id])) });
      for (const r of result.routings) count(r.team, 'received', r.id);
      return `${community} · ${author}: "${excerpt(text, 60)}" → #${result.itemId} routed to ${result.routings.map((r) => ctx.config.teams[r.team]?.name).join(' and ')}`;
    }
    if ('merge' in step) {
      const into = items.get(step.merge.into);
      const duplicates = step.merge.duplicates.map((l) => items.get(l)?.itemId).filter((id): id is number => id !== undefined);
      if (!into || duplicates.length === 0) return void skipped.push(`merge ${step.merge.into}`);
      const merged = await mergeDuplicates(ctx, { into: into.itemId, duplicates, actor: person(step.merge.by) });
      return `Maya merges #${duplicates.join(', #')} into #${into.itemId}: one item, ${merged.voices} voices`;
    }
    if ('escalate' in step) {
      const item = items.get(step.escalate.label);
      if (!item) return void skipped.push(`escalate ${step.escalate.label}`);
      const result = await escalate(ctx, { itemId: item.itemId, team: step.escalate.team, priority: step.escalate.priority, reason: step.escalate.reason, actor: person(step.escalate.by) });
      if (!item.routings.has(step.escalate.team)) count(step.escalate.team, 'received', result.routingId);
      item.routings.set(step.escalate.team, result.routingId);
      return `Maya escalates #${item.itemId} to ${ctx.config.teams[step.escalate.team]?.name} (${step.escalate.priority}): ${step.escalate.reason}`;
    }
    const { label, team, kind, by, reason, toTeam } = step.act;
    const item = items.get(label);
    const routingId = item?.routings.get(team);
    if (!item || routingId === undefined) return void skipped.push(`${kind} ${label} by ${team}`);
    const result = await recordAction(ctx, { routingId, kind, actor: person(by), via: 'button', reason, toTeam });
    const key = kind === 'own' || kind === 'acknowledge' ? 'acknowledged' : kind === 'resolve' ? 'resolved' : kind === 'decline' ? 'declined' : 'passedOn';
    count(team, key, routingId);
    if (kind === 'pass_on' && toTeam && result.passedToRoutingId) {
      item.routings.set(toTeam, result.passedToRoutingId);
      count(toTeam, 'received', result.passedToRoutingId);
    }
    const teamName = ctx.config.teams[team]?.name;
    return `${person(by).name} (${teamName}) ${VERB[kind]} #${item.itemId}${toTeam ? ` → ${ctx.config.teams[toTeam]?.name}` : ''}${reason ? `: ${reason}` : ''}`;
  }
}
