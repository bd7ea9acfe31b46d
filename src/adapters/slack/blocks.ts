import { LIMITS, type Block } from './block-kit-limits.js';
import { clip } from './mrkdwn.js';

/** Small constructors, so that presenters read as what they draw. Text passed here is already escaped mrkdwn. */
export const section = (text: string, blockId?: string): Block => ({ type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText), verbatim: true } });
export const fields = (items: string[]): Block => ({ type: 'section', fields: items.slice(0, LIMITS.fields).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, LIMITS.fieldText), verbatim: true })) });
export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } });
export const context = (...items: string[]): Block => ({ type: 'context', elements: items.filter(Boolean).slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, LIMITS.sectionText), verbatim: true })) });
export const divider = (): Block => ({ type: 'divider' });

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger') {
  return { type: 'button' as const, text: { type: 'plain_text' as const, text: clip(text, LIMITS.buttonText), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

/**
 * Long lists become as many sections as needed, each within the 3,000-character limit, breaking only between
 * lines so that no entry is cut in two (an entry longer than a section on its own is clipped).
 */
export function sectionsFromLines(lines: string[], max: number = LIMITS.sectionText): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

/**
 * Splits a long document into messages of at most 50 blocks and about 12,000 characters (Slack refuses messages
 * whose blocks are too long with `msg_blocks_too_long`, and a shorter message reads better in a thread), in order,
 * without losing or repeating any block.
 */
export function splitMessages(blocks: Block[], perMessage: number = LIMITS.blocksPerMessage, maxChars: number = LIMITS.messageChars): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = JSON.stringify(block).length;
    if (current.length > 0 && (current.length >= perMessage || chars + size > maxChars)) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
