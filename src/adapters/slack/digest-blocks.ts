import { formatDuration } from '../../config/duration.js';
import { excerpt } from '../../core/inert-text.js';
import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../delivery/content.js';
import { assertMessageBlocks, type Block } from './block-kit-limits.js';
import { context, divider, fields, header, section, sectionsFromLines, splitMessages } from './blocks.js';
import { escapeMrkdwn, link, userText } from './mrkdwn.js';

/** A digest part as one or more messages (each within Block Kit limits); the first is the one others thread under. */
export interface DrawnParts { text: string; messages: Block[][] }

const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
const change = (now: number, before: number) => (now === before ? '±0' : now > before ? `+${now - before}` : `${now - before}`);
const share = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)}%`);

function parts(text: string, blocks: Block[]): DrawnParts {
  return { text, messages: splitMessages(blocks).map(assertMessageBlocks) };
}

/** The leadership summary: totals against the week before, each team on a line, what fell between silos. */
export function digestSummaryBlocks(d: DigestSummary): DrawnParts {
  const t = d.totals.current;
  const p = d.totals.previous;
  const title = `${d.organisation} feedback digest · ${d.period.key}`;
  const teamLines = d.teams.map((team) => `*${escapeMrkdwn(team.name)}*: ${team.metrics.received} in · ${team.metrics.acknowledged} acknowledged · ${team.metrics.resolved} resolved · ${team.metrics.declined} declined · first response ${duration(team.metrics.medianFirstActionMs)} · resolution ${duration(team.metrics.medianResolutionMs)}${team.tracker ? ` · ${team.tracker.issues} became issues · feedback to shipped ${duration(team.tracker.medianToShippedMs)}` : ''}`);
  const blocks: Block[] = [
    header(title),
    fields([
      `*Received*\n${t.received} (${change(t.received, p.received)})`,
      `*Acknowledged*\n${t.acknowledged} (${change(t.acknowledged, p.acknowledged)})`,
      `*Resolved*\n${t.resolved} (${change(t.resolved, p.resolved)})`,
      `*Declined*\n${t.declined}`,
      `*Passed on*\n${t.passedOn}`,
      `*SLA breaches*\n${t.breaches.acknowledge} acknowledge · ${t.breaches.resolve} resolve`,
    ]),
    section(`*Fell between silos*: ${d.silos.noAction} untouched · ${d.silos.passedAround} passed around · ${d.silos.acknowledgedNotResolved} acknowledged but not resolved`),
    ...(d.notRouted ? [section(`*Not routed*: ${notRoutedLine(d.notRouted, escapeMrkdwn)}`)] : []),
    divider(),
    ...sectionsFromLines(teamLines),
    ...(d.handoffs.length > 0 ? [context(`Hand-offs: ${d.handoffs.map((h) => `${escapeMrkdwn(h.from)} → ${escapeMrkdwn(h.to)} ×${h.count}`).join(', ')}`)] : []),
    context('Each team has a reply in this thread, and so has what fell between silos.'),
  ];
  return parts(`${title}: ${t.received} received, ${t.resolved} resolved`, blocks);
}

/** One team's week: volumes, speed, SLA attainment, and every breach with a link to the original. */
export function digestTeamBlocks(d: DigestTeamPart): DrawnParts {
  const m = d.metrics;
  const a = m.attainment;
  const blocks: Block[] = [
    section(`*${escapeMrkdwn(d.name)}* · ${d.period}`),
    fields([
      `*Received*\n${m.received} (${change(m.received, d.previous.received)})`,
      `*Acknowledged*\n${m.acknowledged}`,
      `*Resolved*\n${m.resolved}`,
      `*Declined · passed on*\n${m.declined} · ${m.passedOn}`,
      `*Median first response*\n${duration(m.medianFirstActionMs)} (was ${duration(d.previous.medianFirstActionMs)})`,
      `*Median resolution*\n${duration(m.medianResolutionMs)}`,
      `*Acknowledged in time*\n${share(a.acknowledgedInTime, a.acknowledgeDue)} of ${a.acknowledgeDue}`,
      `*Resolved in time*\n${share(a.resolvedInTime, a.resolveDue)} of ${a.resolveDue}`,
      ...(d.tracker ? [`*Became issues*\n${d.tracker.issues}`, `*Feedback to shipped*\n${duration(d.tracker.medianToShippedMs)} (median of ${d.tracker.shipped} shipped)`] : []),
    ]),
    ...(d.breaches.length > 0 ? [section(`*Missed SLAs* (${d.breaches.length})`), ...sectionsFromLines(d.breaches.map((b) => `• ${link(b.permalink, `#${b.itemId}`)} missed ${b.target} by ${formatDuration(b.lateByMs)}${b.ladder === 'leadership' ? ' · _escalated to leadership_' : ''}: ${userText(excerpt(b.text, 100))}`))] : []),
  ];
  return parts(`${d.name} · ${d.period}: ${m.received} received, ${m.resolved} resolved`, blocks);
}

/** What fell between silos, oldest first, every listed item once, with a link back to where it was said. */
export function digestSilosBlocks(d: DigestSilosPart): DrawnParts {
  const list = (title: string, items: DigestSilosPart['noAction'], count: number): Block[] =>
    count === 0 ? [] : [section(`*${title}* (${count}${items.length < count ? `, oldest ${items.length} listed` : ''})`), ...sectionsFromLines(items.map((i) => `• ${link(i.permalink, `#${i.itemId}`)} ${userText(excerpt(i.text, 90))} — ${i.teams.map(escapeMrkdwn).join(', ')}${i.hops >= 2 ? ` · ${i.hops} hand-offs` : ''}`))];
  const body = [
    ...list('Nobody acted', d.noAction, d.counts.noAction),
    ...list('Passed around', d.passedAround, d.counts.passedAround),
    ...list('Acknowledged, never resolved', d.acknowledgedNotResolved, d.counts.acknowledgedNotResolved),
  ];
  const title = `*Fell between silos* · ${d.period}`;
  return parts(`Fell between silos · ${d.period}`, [section(title), ...(body.length > 0 ? body : [section('Nothing: every item got an answer.')])]);
}
