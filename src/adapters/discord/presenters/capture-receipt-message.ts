import type { CaptureResult } from '../../../core/capture-feedback.js';
import { captureSentence } from '../../../delivery/capture-words.js';
import { clip, safeText } from '../discord-text.js';
import { LIMITS, type MessageBody } from './embed-limits.js';

export interface CapturedMessage { authorName: string; channelName: string | null; link: string }

/** A masked link to a URL Liaison built; `<…>` keeps Discord from unfurling it in the DM. */
const maskedLink = (label: string, url: string) => (/^https?:\/\/\S+$/.test(url) ? `[${label}](<${url}>)` : label);

/**
 * The direct message a community manager gets after capturing a message with the capture reaction: which message,
 * its number (linked to the item's page) and where it went. Names only, pinging nobody.
 */
export function captureReceiptMessage(result: CaptureResult, message: CapturedMessage, teamName: (team: string) => string, publicUrl: string): MessageBody {
  const where = message.channelName ? ` in #${safeText(message.channelName)}` : '';
  const said = captureSentence(result, { team: (team) => safeText(teamName(team)), number: (id) => maskedLink(`#${id}`, `${publicUrl}/items/${id}`) });
  const lines = [`📣 You sent ${maskedLink(`${safeText(message.authorName)}’s message`, message.link)}${where} to Liaison.`, said];
  return { content: clip(lines.join('\n'), LIMITS.content), allowed_mentions: { parse: [] } };
}

/** Told by DM to a community manager whose capture reaction was refused: which message, and why. */
export function captureRefusalMessage(reason: string, messageLink: string): MessageBody {
  return { content: clip(`⚠️ Nothing was captured from ${maskedLink('this message', messageLink)}: ${safeText(reason)}`, LIMITS.content), allowed_mentions: { parse: [] } };
}
