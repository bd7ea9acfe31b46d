import { formatDuration } from '../../../config/duration.js';
import { excerpt } from '../../../core/inert-text.js';
import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../../delivery/content.js';
import { safeText } from '../discord-text.js';
import type { MessageBody } from './embed-limits.js';
import { fieldsToEmbeds, linesToEmbeds, packMessages } from './pack-embeds.js';

const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
const change = (now: number, before: number) => (now === before ? '±0' : now > before ? `+${now - before}` : `${now - before}`);
const share = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)}%`);
const COLOR = 0x5865f2;
const NO_PINGS = { allowed_mentions: { parse: [] as never[] } };

/** The thread's first message: totals against last period, and one field per team (split past 25 teams). */
export function digestSummaryMessages(d: DigestSummary): MessageBody[] {
  const t = d.totals.current;
  const p = d.totals.previous;
  const description = [
    `Received **${t.received}** (${change(t.received, p.received)}) · acknowledged ${t.acknowledged} · resolved **${t.resolved}** (${change(t.resolved, p.resolved)}) · declined ${t.declined} · passed on ${t.passedOn}`,
    `SLA breaches: ${t.breaches.acknowledge} to acknowledge, ${t.breaches.resolve} to resolve`,
    `Fell between silos: ${d.silos.noAction} untouched, ${d.silos.passedAround} passed around, ${d.silos.acknowledgedNotResolved} acknowledged but not resolved`,
    ...(d.notRouted ? [`Not routed: ${notRoutedLine(d.notRouted, safeText)}`] : []),
    ...(d.handoffs.length > 0 ? [`Hand-offs: ${d.handoffs.map((h) => `${safeText(h.from)} → ${safeText(h.to)} ×${h.count}`).join(', ')}`] : []),
    'Each team has a reply in this thread, and so does what fell between silos.',
  ].join('\n');
  const fields = d.teams.map((team) => ({
    name: safeText(team.name).slice(0, 200),
    value: `in ${team.metrics.received} · ack ${team.metrics.acknowledged} · resolved ${team.metrics.resolved}\nfirst response ${duration(team.metrics.medianFirstActionMs)} · resolution ${duration(team.metrics.medianResolutionMs)}${team.tracker ? `\n${team.tracker.issues} became issues · feedback to shipped ${duration(team.tracker.medianToShippedMs)}` : ''}`,
    inline: true,
  }));
  const title = `${safeText(d.organisation)} feedback digest · ${d.period.key}${d.team ? ` · ${safeText(d.team)}` : ''}`;
  return packMessages(fieldsToEmbeds(title, fields, { color: COLOR }, description), NO_PINGS);
}

/** One team's reply: its figures, SLA attainment, and every breach (the core caps the list, not this presenter). */
export function digestTeamMessages(d: DigestTeamPart): MessageBody[] {
  const m = d.metrics;
  const a = m.attainment;
  const lines = [
    `Received **${m.received}** (${change(m.received, d.previous.received)}) · acknowledged ${m.acknowledged} · resolved **${m.resolved}** · declined ${m.declined} · passed on ${m.passedOn}`,
    `Median first response ${duration(m.medianFirstActionMs)} (was ${duration(d.previous.medianFirstActionMs)}) · median resolution ${duration(m.medianResolutionMs)}`,
    `SLA: acknowledged in time ${share(a.acknowledgedInTime, a.acknowledgeDue)} of ${a.acknowledgeDue} · resolved in time ${share(a.resolvedInTime, a.resolveDue)} of ${a.resolveDue} · median lateness ${duration(a.medianLatenessMs)}`,
    ...(d.tracker ? [`Became issues **${d.tracker.issues}** · feedback to shipped ${duration(d.tracker.medianToShippedMs)} (median of ${d.tracker.shipped} shipped)`] : []),
    ...(d.breaches.length > 0 ? ['', `**Missed targets (${d.breaches.length})**`] : []),
    ...d.breaches.map((b) => `• #${b.itemId} ${b.target} late by ${formatDuration(b.lateByMs)}${b.ladder === 'leadership' ? ' · *escalated to leadership*' : ''}: ${safeText(excerpt(b.text, 90))}`),
  ];
  return packMessages(linesToEmbeds(`${safeText(d.name)} · ${d.period}`, lines, { color: COLOR }), NO_PINGS);
}

/** What fell between silos: every listed item once, across as many embeds and messages as it takes. */
export function digestSilosMessages(d: DigestSilosPart): MessageBody[] {
  const list = (title: string, items: DigestSilosPart['noAction'], count: number) =>
    count === 0 ? [] : [`**${title} (${count}${count > items.length ? `, oldest ${items.length} listed` : ''})**`, ...items.map((i) => `• #${i.itemId} ${safeText(excerpt(i.text, 90))} — ${i.teams.map(safeText).join(', ')}${i.hops >= 2 ? `, ${i.hops} hand-offs` : ''}`)];
  const lines = [
    ...list('Nobody acted', d.noAction, d.counts.noAction),
    ...list('Passed around', d.passedAround, d.counts.passedAround),
    ...list('Acknowledged, never resolved', d.acknowledgedNotResolved, d.counts.acknowledgedNotResolved),
  ];
  return packMessages(linesToEmbeds(`Fell between silos · ${d.period}`, lines.length > 0 ? lines : ['Nothing: every item got an answer.'], { color: 0xd83c3e }), NO_PINGS);
}
