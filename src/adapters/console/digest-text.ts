import { formatDuration } from '../../config/duration.js';
import { excerpt, inert } from '../../core/inert-text.js';
import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../delivery/content.js';

const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
const change = (now: number, before: number) => (now === before ? '=' : now > before ? `+${now - before}` : `${now - before}`);

export function digestSummaryText(d: DigestSummary): string[] {
  const t = d.totals.current;
  const p = d.totals.previous;
  return [
    `${d.organisation} feedback digest · ${d.period.key}${d.team ? ` · ${d.team}` : ''}`,
    `  received ${t.received} (${change(t.received, p.received)}) · acknowledged ${t.acknowledged} · resolved ${t.resolved} (${change(t.resolved, p.resolved)}) · declined ${t.declined} · passed on ${t.passedOn} · snoozed ${t.snoozed ?? 0}`,
    `  SLA breaches: ${t.breaches.acknowledge} acknowledge, ${t.breaches.resolve} resolve · fell between silos: ${d.silos.noAction} untouched, ${d.silos.passedAround} passed around, ${d.silos.acknowledgedNotResolved} acknowledged but not resolved`,
    ...d.teams.map((team) => `  ${team.name.padEnd(12)} in ${String(team.metrics.received).padStart(3)} · ack ${String(team.metrics.acknowledged).padStart(3)} · resolved ${String(team.metrics.resolved).padStart(3)} · first response ${duration(team.metrics.medianFirstActionMs)} · resolution ${duration(team.metrics.medianResolutionMs)}${team.tracker ? ` · issues ${team.tracker.issues} · to shipped ${duration(team.tracker.medianToShippedMs)}` : ''}`),
    ...(d.handoffs.length > 0 ? [`  hand-offs: ${d.handoffs.map((h) => `${h.from} → ${h.to} ×${h.count}`).join(', ')}`] : []),
    ...(d.notRouted ? [`  not routed: ${notRoutedLine(d.notRouted)}`] : []),
  ];
}

export function digestTeamText(d: DigestTeamPart): string[] {
  const m = d.metrics;
  const a = m.attainment;
  const share = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)}%`);
  return [
    `${d.name} · ${d.period}`,
    `  received ${m.received} (${change(m.received, d.previous.received)}) · acknowledged ${m.acknowledged} · resolved ${m.resolved} · declined ${m.declined} · passed on ${m.passedOn} · snoozed ${m.snoozed ?? 0}`,
    `  median first response ${duration(m.medianFirstActionMs)} (was ${duration(d.previous.medianFirstActionMs)}) · median resolution ${duration(m.medianResolutionMs)}`,
    `  SLA: acknowledged in time ${share(a.acknowledgedInTime, a.acknowledgeDue)} of ${a.acknowledgeDue} · resolved in time ${share(a.resolvedInTime, a.resolveDue)} of ${a.resolveDue} · median lateness ${duration(a.medianLatenessMs)} (business hours)`,
    ...(d.tracker ? [`  became issues ${d.tracker.issues} · feedback to shipped ${duration(d.tracker.medianToShippedMs)} (median of ${d.tracker.shipped} shipped)`] : []),
    ...d.breaches.slice(0, 10).map((b) => `  missed ${b.target} on #${b.itemId} by ${formatDuration(b.lateByMs)} of business time${b.ladder === 'leadership' ? ' · escalated to leadership' : ''}: ${inert(excerpt(b.text, 80))}`),
  ];
}

export function digestSilosText(d: DigestSilosPart): string[] {
  const list = (title: string, items: DigestSilosPart['noAction'], count: number) =>
    count === 0 ? [] : [`  ${title} (${count}):`, ...items.map((i) => `    #${i.itemId} ${inert(excerpt(i.text, 90))} — ${i.teams.join(', ')}${i.hops >= 2 ? `, ${i.hops} hand-offs` : ''}`)];
  const lines = [
    ...list('nobody acted', d.noAction, d.counts.noAction),
    ...list('passed around', d.passedAround, d.counts.passedAround),
    ...list('acknowledged, never resolved', d.acknowledgedNotResolved, d.counts.acknowledgedNotResolved),
  ];
  return [`Fell between silos · ${d.period}`, ...(lines.length > 0 ? lines : ['  nothing: every item got an answer'])];
}
