import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Context } from '../../core/context.js';
import { isDomainError } from '../../core/errors.js';
import { completeInbound, failInbound, recordInbound } from '../../core/inbound/inbound-log.js';
import type { InboundHandler } from '../../jobs/inbound-retry-job.js';
import type { BackgroundWork } from './background-work.js';
import { userText } from './mrkdwn.js';
import type { SlackDirectory } from './slack-directory.js';
import type { SlackMessages } from './slack-messages.js';
import { errorWords } from '../../delivery/error-words.js';

/** What every Slack listener and handler works with. Built once by createSlackAdapter. */
export interface SlackDeps {
  ctx: Context;
  client: WebClient;
  directory: SlackDirectory;
  messages: SlackMessages;
  work: BackgroundWork;
  logger: Logger;
  /** Configured Slack source channels and the community each belongs to. */
  sources: Map<string, string>;
  /** Stored inbound kinds and how to process each; the retry job uses the same map. */
  handlers: Map<string, InboundHandler>;
  /** The base of links to the web app. */
  publicUrl: string;
}

export const GENERIC_FAILURE = 'Liaison ran into a problem and could not do that. It has been logged; please try again in a minute.';

/**
 * Persist before you forget: the request is stored (or recognised as already stored) before Slack is answered,
 * and processed after. A duplicate (a Slack retry, the same event delivered to two workspaces of a Slack Connect
 * channel) is not processed again; one whose first processing failed is picked up by the inbound retry job.
 */
export async function intake(deps: SlackDeps, event: { key: string; kind: string; payload: Record<string, unknown> }): Promise<'new' | 'duplicate'> {
  const { db, clock } = deps.ctx;
  const status = await recordInbound(db, { ...event, platform: 'slack' }, clock.now());
  if (status === 'duplicate') {
    deps.logger.debug({ key: event.key }, 'slack request already stored');
    return status;
  }
  const handle = deps.handlers.get(event.kind);
  if (!handle) throw new Error(`no handler for ${event.kind}`);
  deps.work.run(event.key, async () => {
    try {
      await handle(event.payload);
      await completeInbound(db, event.key, clock.now());
    } catch (error) {
      await failInbound(db, event.key, error);
      throw error;
    }
  });
  return status;
}

/**
 * Says something to one person only: through the interaction's response_url when there is one, else as an
 * ephemeral message in the channel, else in a DM.
 */
export async function tell(deps: SlackDeps, to: { user: string; channel?: string; responseUrl?: string }, text: string, blocks?: unknown[]): Promise<void> {
  if (to.responseUrl) {
    const response = await fetch(to.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text, blocks }), signal: AbortSignal.timeout(5_000) });
    if (response.ok) return;
    deps.logger.warn({ status: response.status }, 'slack response_url refused the reply');
  }
  if (to.channel) {
    try {
      await deps.client.chat.postEphemeral({ channel: to.channel, user: to.user, text, blocks: blocks as never, link_names: false, parse: 'none' });
      return;
    } catch (error) {
      deps.logger.warn({ err: error, channel: to.channel }, 'slack ephemeral failed; sending a DM');
    }
  }
  const dm = await deps.client.conversations.open({ users: to.user });
  await deps.client.chat.postMessage({ channel: String(dm.channel?.id), text, blocks: blocks as never, link_names: false, parse: 'none' });
}

/**
 * Runs a verb for a person and tells them when it is refused: a DomainError's message as is ("Only members of
 * Product can resolve this", "Priya already resolved it"), anything else as a short generic message, rethrown so
 * that it is logged and the stored request stays pending for another try.
 */
export async function forPerson(deps: SlackDeps, to: Parameters<typeof tell>[1], work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isDomainError(error)) {
      deps.logger.info({ code: error.code, user: to.user }, 'slack request refused');
      await tell(deps, to, `:no_entry: ${userText(errorWords(error))}`);
      return;
    }
    await tell(deps, to, GENERIC_FAILURE).catch(() => undefined);
    throw error;
  }
}
