import { captureFeedback, type CaptureInput } from '../../core/capture-feedback.js';
import type { Actor } from '../../core/actor.js';
import { advanceSourceCursor } from '../../core/sources/source-cursor.js';
import type { Category } from '../../config/schema.js';
import type { SlackDeps } from './slack-deps.js';
import { plainFromSlack } from './slack-text.js';
import type { FetchedMessage } from './slack-messages.js';

/** The fields of a Slack message event that capture needs; the rest of the event is not stored. */
export interface MessageEventPayload {
  channel: string;
  ts: string;
  text: string;
  user: string;
  userName?: string;
}

const postedAt = (ts: string) => new Date(Math.floor(Number(ts) * 1000));

/** A top-level message in a source channel (Slack Connect included) becomes an item, once. */
export async function captureMessageEvent(deps: SlackDeps, payload: MessageEventPayload): Promise<void> {
  const permalink = await deps.messages.permalink(payload.channel, payload.ts);
  const name = payload.userName ?? (await deps.directory.nameOf(payload.user));
  const result = await captureFeedback(deps.ctx, {
    source: { platform: 'slack', id: payload.channel },
    message: { platform: 'slack', channelId: payload.channel, id: payload.ts, text: plainFromSlack(payload.text), permalink, postedAt: postedAt(payload.ts) },
    author: { platform: 'slack', id: payload.user, name },
    via: 'message',
  });
  // The source's cursor: a catch-up after downtime reads the channel's history from here.
  await advanceSourceCursor(deps.ctx.db, 'slack', payload.channel, payload.ts);
  deps.logger.debug({ channel: payload.channel, ts: payload.ts, status: result.status }, 'slack message captured');
}

export interface HandCapture {
  message: FetchedMessage;
  by: Actor;
  via: 'reaction' | 'shortcut';
  community?: string;
  overrides?: { teams?: string[]; category?: Category; note?: string };
}

/**
 * Someone sends an existing message to Liaison (a capture reaction, the shortcut). In a source channel the source
 * says which community it is from; elsewhere the person said so. A thread reply keeps its thread, so that the
 * author's answer later lands beside it.
 */
export async function captureExisting(deps: SlackDeps, capture: HandCapture) {
  const { message } = capture;
  if (!message.user) throw new Error('the message has no human author');
  const permalink = await deps.messages.permalink(message.channel, message.ts);
  const name = message.userName ?? (await deps.directory.nameOf(message.user));
  const isSource = deps.sources.has(message.channel);
  const input: CaptureInput = {
    ...(isSource ? { source: { platform: 'slack' as const, id: message.channel } } : {}),
    community: capture.community ?? deps.sources.get(message.channel),
    message: { platform: 'slack', channelId: message.channel, id: message.ts, threadId: message.threadTs, text: plainFromSlack(message.text), permalink, postedAt: postedAt(message.ts) },
    author: { platform: 'slack', id: message.user, name },
    via: capture.via,
    capturedBy: capture.by,
    overrides: capture.overrides ?? {},
  };
  return captureFeedback(deps.ctx, input);
}
