import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../delivery/content.js';
import { silosWords, summaryWords, teamWords, type Words } from '../../delivery/digest-words.js';
import { assertMessageBlocks, type Block } from './block-kit-limits.js';
import { context, divider, header, section, sectionsFromLines, splitMessages } from './blocks.js';
import { escapeMrkdwn, link, userText } from './mrkdwn.js';

/** A digest part as one or more messages (each within Block Kit limits); the first is the one others thread under. */
export interface DrawnParts { text: string; messages: Block[][] }

// Names and feedback alike go through userText: escaped, and unable to ping anyone.
const WORDS: Words = { esc: userText, ref: (id, permalink) => link(permalink, `#${id}`) };

function parts(text: string, blocks: Block[]): DrawnParts {
  return { text, messages: splitMessages(blocks).map(assertMessageBlocks) };
}

/** The leadership summary: items and team assignments against the period before, each team on a line, what fell between silos. */
export function digestSummaryBlocks(d: DigestSummary, options: { threaded?: boolean } = {}): DrawnParts {
  const w = summaryWords(d, WORDS, options);
  const blocks: Block[] = [
    header(w.title),
    ...sectionsFromLines(w.lines),
    ...(d.notRouted ? [section(`*Not routed*: ${notRoutedLine(d.notRouted, escapeMrkdwn)}.`)] : []),
    ...(w.teams.length > 0 ? [divider(), ...sectionsFromLines(w.teams.map((t) => `*${t.name}*: ${t.line}`))] : []),
    ...(w.handoffs ? [context(w.handoffs)] : []),
    ...w.notes.map((note) => context(note)),
  ];
  return parts(w.fallback, blocks);
}

/** One team's period: assignments, speed, targets, and every missed target with a link to the original. */
export function digestTeamBlocks(d: DigestTeamPart): DrawnParts {
  const w = teamWords(d, WORDS);
  const blocks: Block[] = [
    section(`*${w.title}*`),
    ...sectionsFromLines(w.lines),
    ...(w.breaches.length > 0 ? [section(`*Missed targets* (${w.breaches.length})`), ...sectionsFromLines(w.breaches.map((line) => `• ${line}`))] : []),
  ];
  return parts(`${w.title}: ${d.metrics.received} assigned, ${d.metrics.resolved} resolved`, blocks);
}

/** What fell between silos, oldest first, every listed item once, with a link back to where it was said. */
export function digestSilosBlocks(d: DigestSilosPart): DrawnParts {
  const w = silosWords(d, WORDS);
  const body = w.sections.flatMap((s) => [section(`*${s.heading}*`), ...sectionsFromLines(s.lines.map((line) => `• ${line}`))]);
  return parts(w.title, [section(`*${w.title}*`), ...body, ...(w.empty ? [section(w.empty)] : [])]);
}
