import { escapeMarkdown } from 'discord.js';
import { cleanInbound, inert } from '../../core/inert-text.js';

/**
 * Text from outside, made safe to show on Discord: no control or bidi characters, no mention or broadcast tokens,
 * and no markdown that could restyle it or disguise a link (`[bank.com](https://evil.example)`).
 * allowed_mentions is the second lock on every message; this one keeps the text from even looking like a ping.
 */
export function safeText(text: string): string {
  return escapeMarkdown(inert(cleanInbound(text)), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Cuts text to `max` characters, marking the cut, without splitting a surrogate pair or leaving a dangling `\`. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = [...text.slice(0, max - 1)].join('');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/\\+$/, (slashes) => (slashes.length % 2 === 1 ? slashes.slice(0, -1) : slashes));
  return `${cut}…`;
}

/** A quoted block of outside text, each line prefixed so a newline cannot escape the quote. */
export function quote(text: string): string {
  return safeText(text).split('\n').map((line) => `> ${line}`).join('\n');
}

export const userMention = (id: string) => `<@${id}>`;
export const roleMention = (id: string) => `<@&${id}>`;
export const discordTime = (date: Date | string, style: 'f' | 'R' | 'd' | 't' = 'f') => `<t:${Math.floor(new Date(date).getTime() / 1000)}:${style}>`;
export const messageLink = (guildId: string, channelId: string, messageId: string) => `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
