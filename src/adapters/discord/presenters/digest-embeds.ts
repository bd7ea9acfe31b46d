import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../../delivery/content.js';
import { silosWords, summaryWords, teamWords, type Words } from '../../../delivery/digest-words.js';
import { safeText } from '../discord-text.js';
import type { MessageBody } from './embed-limits.js';
import { fieldsToEmbeds, linesToEmbeds, packMessages } from './pack-embeds.js';

const COLOR = 0x5865f2;
const NO_PINGS = { allowed_mentions: { parse: [] as never[] } };
const WORDS: Words = { esc: safeText, ref: (id) => `#${id}` };

/** The thread's first message: items and team assignments against last period, and one field per team (split past 25 teams). */
export function digestSummaryMessages(d: DigestSummary, options: { threaded?: boolean } = {}): MessageBody[] {
  const w = summaryWords(d, WORDS, options);
  const description = [
    ...w.lines,
    ...(d.notRouted ? [`Not routed: ${notRoutedLine(d.notRouted, safeText)}.`] : []),
    ...(w.handoffs ? [w.handoffs] : []),
    ...w.notes.map((note) => `-# ${note}`),
  ].join('\n');
  const fields = w.teams.map((team) => ({ name: team.name.slice(0, 200), value: team.line, inline: false }));
  return packMessages(fieldsToEmbeds(w.title, fields, { color: COLOR }, description), NO_PINGS);
}

/** One team's reply: its figures, targets, and every missed one (the core caps the list, not this presenter). */
export function digestTeamMessages(d: DigestTeamPart): MessageBody[] {
  const w = teamWords(d, WORDS);
  const lines = [...w.lines, ...(w.breaches.length > 0 ? ['', `**Missed targets (${w.breaches.length})**`, ...w.breaches.map((line) => `• ${line}`)] : [])];
  return packMessages(linesToEmbeds(w.title, lines, { color: COLOR }), NO_PINGS);
}

/** What fell between silos: every listed item once, across as many embeds and messages as it takes. */
export function digestSilosMessages(d: DigestSilosPart): MessageBody[] {
  const w = silosWords(d, WORDS);
  const lines = w.sections.flatMap((s) => [`**${s.heading}**`, ...s.lines.map((line) => `• ${line}`)]);
  return packMessages(linesToEmbeds(w.title, lines.length > 0 ? lines : [w.empty ?? ''], { color: 0xd83c3e }), NO_PINGS);
}
