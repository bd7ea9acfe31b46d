import { DateTime } from 'luxon';
import { excerpt } from '../core/inert-text.js';
import type { DigestSilosPart, DigestSummary, DigestTeamPart } from './content.js';

/**
 * The digest's sentences, the same on every platform (console, Slack, Discord, the web archive). Each presenter
 * passes its own escaping and its own way of drawing an item reference (a link on Slack, plain `#12` elsewhere).
 * Every figure says what it counts: items (each once) apart from team assignments (an item sent to two teams is two
 * assignments), and every duration says whether it is business time or wall-clock time.
 */
export interface Words {
  /** Escapes text from config or from outside for the platform's markup. */
  esc: (text: string) => string;
  /** Draws `#12` for an item (Slack links it to the original message). */
  ref: (itemId: number, permalink: string | null) => string;
}

const PLAIN: Words = { esc: (t) => t, ref: (id) => `#${id}` };

/** One format for every duration the digest shows: minutes, then hours and minutes (never days, whose length differs between business and wall-clock time). */
export function span(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 || hours >= 100 ? `${hours} h` : `${hours} h ${rest} min`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const becameIssues = (n: number) => (n === 1 ? '1 item became an issue' : `${n} items became issues`);

/** "week", "month" … for sentences such as "the week before", from a period key (`2026-W47`, `2026-11`, `2026-Q4` …). */
export function periodNoun(key: string): string {
  if (/^\d{4}-W\d{2}$/.test(key)) return 'week';
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return 'day';
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q\d$/.test(key)) return 'quarter';
  return 'period';
}

/** "(the week before: 9)"; nothing when the figure is the same is still said, so a reader never has to guess. */
const before = (noun: string, value: number | string) => `(the ${noun} before: ${value})`;

type Metrics = DigestTeamPart['metrics'];

const medians = (m: Pick<Metrics, 'medianFirstActionMs' | 'medianResolutionMs'>) =>
  m.medianFirstActionMs === null && m.medianResolutionMs === null
    ? 'no answers yet'
    : [m.medianFirstActionMs === null ? null : `first response ${span(m.medianFirstActionMs)}`, m.medianResolutionMs === null ? null : `resolution ${span(m.medianResolutionMs)}`].filter(Boolean).join(', ') + ' (medians, business hours)';

/** What each team did with what it was assigned, in one line. */
function teamLine(m: Metrics): string {
  return `${plural(m.received, 'item')} assigned, ${m.acknowledged} acknowledged or taken, ${m.resolved} resolved, ${m.declined} declined, ${m.passedOn} passed on; ${medians(m)}`;
}

/** The leadership summary: items, assignments, outcomes, missed targets, silos, one line per team. */
export function summaryWords(d: DigestSummary, w: Words = PLAIN, options: { threaded?: boolean } = {}): { title: string; lines: string[]; teams: { name: string; line: string }[]; handoffs?: string; notes: string[]; fallback: string } {
  const noun = periodNoun(d.period.key);
  const t = d.totals.current;
  const p = d.totals.previous;
  const items = d.items?.current;
  const title = `${w.esc(d.organisation)} feedback digest · ${d.period.key}${d.team ? ` · ${w.esc(d.team)}` : ''}${d.running ? ' (so far)' : ''}`;
  const nothing = (items ? items.items === 0 : t.received === 0) && t.acknowledged + t.resolved + t.declined + t.passedOn === 0;
  if (nothing) {
    const line = `No feedback came in this ${noun}, and nothing was waiting on a team.`;
    return { title, lines: [line], teams: [], notes: d.running ? [runningNote(d, noun)] : [], fallback: `${title}: no feedback this ${noun}` };
  }
  const arrived = items
    ? `${plural(items.items, 'item')} of feedback came in ${before(noun, d.items?.previous.items ?? 0)}, assigned to teams ${plural(t.received, 'time')} (one item can go to several teams).`
    : `Teams were assigned feedback ${plural(t.received, 'time')} ${before(noun, p.received)}.`;
  const outcome = items && items.items > 0 ? `Of those items, ${items.resolved} ${items.resolved === 1 ? 'is' : 'are'} resolved, ${items.declined} declined, ${items.inProgress} in progress and ${items.untouched} not yet answered.` : undefined;
  const acted = `This ${noun}, teams acknowledged or took ${plural(t.acknowledged, 'assignment')}, resolved ${t.resolved} ${before(noun, p.resolved)}, declined ${t.declined} and passed on ${t.passedOn}${t.snoozed ? `; ${t.snoozed} had reminders paused` : ''}.`;
  const missed = t.breaches.acknowledge + t.breaches.resolve === 0 ? `No response target was missed this ${noun}.` : `Missed targets: ${plural(t.breaches.acknowledge, 'assignment')} not acknowledged in time, ${plural(t.breaches.resolve, 'assignment')} not resolved in time.`;
  const lateNoAction = d.silos.noActionPastTarget ?? d.silos.noAction;
  const fresh = d.silos.noAction - lateNoAction;
  const fell = [
    lateNoAction > 0 ? `${lateNoAction} unanswered past the acknowledge target` : '',
    d.silos.passedAround > 0 ? `${d.silos.passedAround} passed around` : '',
    d.silos.acknowledgedNotResolved > 0 ? `${d.silos.acknowledgedNotResolved} acknowledged but not resolved` : '',
  ].filter(Boolean);
  const waiting = fresh > 0 ? ` ${plural(fresh, 'new item')} ${fresh === 1 ? 'is' : 'are'} not answered yet, still within ${fresh === 1 ? 'its' : 'their'} acknowledge target.` : '';
  const silos = fell.length === 0 ? `Nothing fell between silos.${waiting}` : `Fell between silos: ${fell.join(', ')}.${waiting}`;
  const name = (key: string) => w.esc(d.teams.find((team) => team.team === key)?.name ?? key);
  const handoffs = d.handoffs.length > 0 ? `Hand-offs: ${d.handoffs.map((h) => `${name(h.from)} → ${name(h.to)} ${plural(h.count, 'time')}`).join(', ')}.` : undefined;
  return {
    title,
    lines: [arrived, ...(outcome ? [outcome] : []), acted, missed, silos],
    teams: d.teams.map((team) => ({ name: w.esc(team.name), line: teamLine(team.metrics) + (team.tracker ? `; ${becameIssues(team.tracker.issues)}${team.tracker.medianToShippedMs === null ? '' : `, feedback to shipped ${span(team.tracker.medianToShippedMs)} (median, wall-clock)`}` : '') })),
    handoffs,
    notes: [
      ...(d.running ? [runningNote(d, noun)] : []),
      ...(options.threaded === false ? [] : ['Each team has a reply in this thread, and so has what fell between silos.']),
    ],
    fallback: `${title}: ${items ? `${plural(items.items, 'item')}, ` : ''}${plural(t.received, 'team assignment')}, ${t.resolved} resolved`,
  };
}

function runningNote(d: Pick<DigestSummary, 'asOf' | 'period'>, noun: string): string {
  const at = DateTime.fromISO(d.asOf, { zone: d.period.timezone }).toFormat('ccc d LLL, HH:mm');
  return `This ${noun} has not ended: the figures are as they stood on ${at} (${d.period.timezone}).`;
}

/** One team's reply: assignments, speed, targets and each missed one. */
export function teamWords(d: DigestTeamPart, w: Words = PLAIN): { title: string; lines: string[]; breaches: string[] } {
  const noun = periodNoun(d.period);
  const m = d.metrics;
  const a = m.attainment;
  const prevFirst = d.previous.medianFirstActionMs;
  const speed = m.medianFirstActionMs === null && m.medianResolutionMs === null
    ? `No first responses or resolutions this ${noun}.`
    : `Median time to first response ${m.medianFirstActionMs === null ? 'none this ' + noun : span(m.medianFirstActionMs)} ${before(noun, prevFirst === null ? 'none' : span(prevFirst))}, to resolution ${m.medianResolutionMs === null ? 'none this ' + noun : span(m.medianResolutionMs)}; business hours.`;
  const due = a.acknowledgeDue + a.resolveDue === 0
    ? `No response target fell due this ${noun}.`
    : `Targets that fell due this ${noun}: ${targetLine(a.acknowledgedInTime, a.acknowledgeDue, 'acknowledged')}, ${targetLine(a.resolvedInTime, a.resolveDue, 'resolved')}.${a.medianLatenessMs === null ? '' : ` Median lateness ${span(a.medianLatenessMs)} of business time.`}`;
  return {
    title: `${w.esc(d.name)} · ${d.period}`,
    lines: [
      `${plural(m.received, 'item')} assigned ${before(noun, d.previous.received)}: ${m.acknowledged} acknowledged or taken, ${m.resolved} resolved, ${m.declined} declined, ${m.passedOn} passed on${m.snoozed ? `, ${m.snoozed} with reminders paused` : ''}.`,
      speed,
      due,
      ...(d.tracker ? [`${becameIssues(d.tracker.issues)}${d.tracker.shipped > 0 && d.tracker.medianToShippedMs !== null ? `; ${d.tracker.shipped} shipped, a median ${span(d.tracker.medianToShippedMs)} after the feedback was posted (wall-clock)` : ''}.`] : []),
    ],
    breaches: d.breaches.map((b) => `${w.ref(b.itemId, b.permalink)} missed its ${b.target} target by ${span(b.lateByMs)} of business time${b.ladder === 'leadership' ? ' (escalated to leadership)' : ''}: ${w.esc(excerpt(b.text, 90))}`),
  };
}

const targetLine = (met: number, due: number, verb: string) => (due === 0 ? `none to be ${verb}` : `${met} of ${due} ${verb} in time (${Math.round((100 * met) / due)} %)`);

/** What fell between silos, oldest first: who has it, how long it has waited, the path it travelled. */
export function silosWords(d: DigestSilosPart, w: Words = PLAIN): { title: string; sections: { heading: string; lines: string[] }[]; empty?: string } {
  const quote = (i: DigestSilosPart['noAction'][number]) => `${w.ref(i.itemId, i.permalink)} ${w.esc(excerpt(i.text, 90))}`;
  const teams = (i: DigestSilosPart['noAction'][number]) => i.teams.map(w.esc).join(', ');
  const waited = (i: DigestSilosPart['noAction'][number]) => (d.timezone ? `, waiting since ${DateTime.fromISO(i.capturedAt, { zone: d.timezone }).toFormat('ccc d LLL, HH:mm')} ${d.timezone}` : '');
  const listed = (count: number, shown: number) => (shown < count ? ` (${count}, oldest ${shown} listed)` : ` (${count})`);
  const late = d.noAction.filter((i) => i.pastAcknowledgeTarget ?? true);
  const lateCount = d.counts.noActionPastTarget ?? d.counts.noAction;
  const fresh = d.counts.noAction - lateCount;
  const sections = [
    ...(lateCount > 0 ? [{ heading: `Nobody answered, past the acknowledge target${listed(lateCount, late.length)}`, lines: late.map((i) => `${quote(i)} — ${teams(i)}${waited(i)}`) }] : []),
    ...(fresh > 0 ? [{ heading: `Not answered yet, still within the acknowledge target (${fresh})`, lines: [] }] : []),
    ...(d.counts.passedAround > 0 ? [{ heading: `Passed around${listed(d.counts.passedAround, d.passedAround.length)}`, lines: d.passedAround.map((i) => `${quote(i)} — ${(i.path ?? i.teams).map(w.esc).join(' → ')} (${plural(i.hops, 'hand-off')})`) }] : []),
    ...(d.counts.acknowledgedNotResolved > 0 ? [{ heading: `Acknowledged, never resolved${listed(d.counts.acknowledgedNotResolved, d.acknowledgedNotResolved.length)}`, lines: d.acknowledgedNotResolved.map((i) => `${quote(i)} — ${teams(i)}`) }] : []),
  ];
  const empty = d.items === 0 ? 'No feedback came in, so nothing could fall between silos.' : 'Nothing fell between silos: every item was answered, or is still within its acknowledge target.';
  return { title: `Fell between silos · ${d.period}`, sections, ...(sections.length === 0 ? { empty } : {}) };
}
