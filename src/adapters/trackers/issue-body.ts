import type { IssueDraft } from '../../core/trackers/load-issue-request.js';

const ZWSP = '\u200B';

/**
 * Outside text made inert for a tracker's markdown: a zero-width space after `@` and `#` keeps `@user` from
 * notifying and `#123` from linking, and markdown characters are escaped so a name cannot become a link.
 */
export function defuse(text: string): string {
  return text.replace(/([\\`*_{}[\]()<>!|~])/g, '\\$1').replace(/([@#])/g, `$1${ZWSP}`);
}

/** A fence no line of the text can close: the feedback sits in a code block, where trackers neither mention nor link. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map((m) => m[0].length));
  const fence = '~'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

const safeUrl = (url: string | null) => (url && /^https?:\/\/[^\s<>()]+$/.test(url) ? url : undefined);

/** The facts line: who, where, how many voices, what kind of feedback. */
function facts(draft: IssueDraft): string {
  const voices = draft.voices === 1 ? '1 person said this' : `${draft.voices} people said this`;
  return `**Feedback from ${defuse(draft.author)}** in ${defuse(draft.community)} · ${voices} · ${draft.category.replace('_', ' ')}, urgency ${draft.urgency}`;
}

/**
 * GitHub and Linear: markdown. GitHub's body carries a hidden marker, which a retried create looks for; Linear is
 * made idempotent by the issue ID instead, so its body needs none.
 */
export function markdownBody(draft: IssueDraft, itemUrl: string, options: { marker: boolean }): string {
  const original = safeUrl(draft.permalink);
  const links = [`[Liaison item #${draft.itemId}](${itemUrl})`, ...(original ? [`[original message](${original})`] : [])].join(' · ');
  return [
    ...(options.marker ? [`<!-- ${draft.marker} -->`] : []),
    facts(draft),
    '',
    fenced(draft.text),
    '',
    links,
    '',
    `_Created by Liaison for ${defuse(draft.team)}. When this issue is closed as completed, the people who asked are told it shipped._`,
  ].join('\n');
}

/** GitHub titles link `#123` and show `@user`: the same defusing, without escaping (titles are not markdown). */
export function githubTitle(draft: IssueDraft): string {
  return draft.title.replace(/([@#])/g, `$1${ZWSP}`).slice(0, 256);
}

type AdfNode = Record<string, unknown>;
const text = (t: string, href?: string): AdfNode => ({ type: 'text', text: t, ...(href ? { marks: [{ type: 'link', attrs: { href } }] } : {}) });

/** Jira: Atlassian Document Format. Text nodes never mention anyone (mentions are nodes of their own); the feedback is a code block. */
export function jiraDescription(draft: IssueDraft, itemUrl: string): AdfNode {
  const voices = draft.voices === 1 ? '1 person said this' : `${draft.voices} people said this`;
  const original = safeUrl(draft.permalink);
  return {
    type: 'doc',
    version: 1,
    content: [
      { type: 'paragraph', content: [{ ...text(`Feedback from ${draft.author}`), marks: [{ type: 'strong' }] }, text(` in ${draft.community} · ${voices} · ${draft.category.replace('_', ' ')}, urgency ${draft.urgency}`)] },
      { type: 'codeBlock', attrs: { language: 'text' }, content: draft.text ? [text(draft.text)] : [] },
      { type: 'paragraph', content: [text(`Liaison item #${draft.itemId}`, itemUrl), ...(original ? [text(' · '), text('original message', original)] : [])] },
      { type: 'paragraph', content: [text(`Created by Liaison for ${draft.team}. When this issue is done, the people who asked are told it shipped.`)] },
    ],
  };
}
