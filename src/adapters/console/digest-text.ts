import { inert } from '../../core/inert-text.js';
import { notRoutedLine, type DigestSilosPart, type DigestSummary, type DigestTeamPart } from '../../delivery/content.js';
import { silosWords, summaryWords, teamWords, type Words } from '../../delivery/digest-words.js';

const WORDS: Words = { esc: inert, ref: (id) => `#${id}` };

export function digestSummaryText(d: DigestSummary, options: { threaded?: boolean } = {}): string[] {
  const w = summaryWords(d, WORDS, options);
  const width = Math.max(0, ...w.teams.map((t) => t.name.length));
  return [
    w.title,
    ...w.lines.map((line) => `  ${line}`),
    ...(d.notRouted ? [`  Not routed: ${notRoutedLine(d.notRouted)}.`] : []),
    ...w.teams.map((t) => `  ${t.name.padEnd(width)}  ${t.line}`),
    ...(w.handoffs ? [`  ${w.handoffs}`] : []),
    ...w.notes.map((note) => `  ${note}`),
  ];
}

export function digestTeamText(d: DigestTeamPart): string[] {
  const w = teamWords(d, WORDS);
  return [w.title, ...w.lines.map((line) => `  ${line}`), ...w.breaches.slice(0, 10).map((line) => `  Missed: ${line}`), ...(w.breaches.length > 10 ? [`  …and ${w.breaches.length - 10} more missed targets`] : [])];
}

export function digestSilosText(d: DigestSilosPart): string[] {
  const w = silosWords(d, WORDS);
  return [w.title, ...w.sections.flatMap((s) => [`  ${s.heading}${s.lines.length > 0 ? ':' : '.'}`, ...s.lines.map((line) => `    ${line}`)]), ...(w.empty ? [`  ${w.empty}`] : [])];
}
