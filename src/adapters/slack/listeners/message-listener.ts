import type { App } from '@slack/bolt';
import { captureMessageEvent, type MessageEventPayload } from '../capture-handlers.js';
import { intake, type SlackDeps } from '../slack-deps.js';

export const MESSAGE_KIND = 'slack.message';

/** Subtypes that still are a person saying something; edits, joins, bot posts and the like are not feedback. */
const SAID = new Set([undefined, 'file_share']);

export interface MessageEvent { channel?: string; ts?: string; thread_ts?: string; text?: string; user?: string; subtype?: string; bot_id?: string; user_profile?: { display_name?: string; real_name?: string } }

/**
 * Top-level messages in source channels are captured. Everything else is dropped before it is stored, so that a
 * busy workspace does not fill the inbound log. The key is (channel, ts): Slack's retries and a Slack Connect
 * channel's copies of one message (one per workspace, each with its own event_id) are one event.
 */
export function registerMessageListener(app: App, deps: SlackDeps): void {
  deps.handlers.set(MESSAGE_KIND, (payload) => captureMessageEvent(deps, payload as unknown as MessageEventPayload));
  app.event('message', async ({ event }) => {
    const payload = feedbackMessage(deps, event as MessageEvent);
    if (payload) await intake(deps, { key: messageKey(payload), kind: MESSAGE_KIND, payload: { ...payload } });
  });
}

/** What capture keeps of a top-level message by a person in a source channel; nothing for anything else. */
export function feedbackMessage(deps: SlackDeps, e: MessageEvent): MessageEventPayload | undefined {
  if (!SAID.has(e.subtype) || e.bot_id || !e.user || !e.channel || !e.ts) return undefined;
  if (e.thread_ts && e.thread_ts !== e.ts) return undefined;
  if (!deps.sources.has(e.channel)) return undefined;
  return { channel: e.channel, ts: e.ts, text: e.text ?? '', user: e.user, userName: e.user_profile?.display_name || e.user_profile?.real_name || undefined };
}

/** One key per (channel, ts), whether the message came as an event, a Slack retry, or from a catch-up. */
export const messageKey = (m: { channel: string; ts: string }) => `slack:message:${m.channel}:${m.ts}`;
