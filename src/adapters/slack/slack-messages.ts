import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

export interface FetchedMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  user?: string;
  botId?: string;
  userName?: string;
}

/**
 * Reads messages Liaison was not sent as events (a reaction or a shortcut on an older message, or a thread
 * reply), and builds links to them.
 */
export class SlackMessages {
  private workspaceUrl: string | undefined;

  constructor(private readonly client: WebClient, private readonly logger: Logger) {}

  /** A top-level message is in the channel's history; a thread reply only in its thread. */
  async fetch(channel: string, ts: string): Promise<FetchedMessage | undefined> {
    const history = await this.client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    let found = history.messages?.find((m) => m.ts === ts);
    if (!found) {
      const replies = await this.client.conversations.replies({ channel, ts, latest: ts, oldest: ts, inclusive: true, limit: 1 });
      found = replies.messages?.find((m) => m.ts === ts);
    }
    if (!found) return undefined;
    const profile = (found as { user_profile?: { display_name?: string; real_name?: string } }).user_profile;
    return { channel, ts, threadTs: found.thread_ts && found.thread_ts !== ts ? found.thread_ts : undefined, text: found.text ?? '', user: found.user, botId: found.bot_id, userName: profile?.display_name || profile?.real_name || undefined };
  }

  /** The message's permalink from Slack; without one the card simply has no link, which is no reason to fail. */
  async permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel, message_ts: ts });
      return result.permalink;
    } catch (error) {
      this.logger.warn({ channel, ts, err: error }, 'slack permalink unavailable');
      return undefined;
    }
  }

  /** A link to a message Liaison posted (a card), built from the workspace URL that auth.test reports. */
  async linkTo(channel: string, ts: string): Promise<string | undefined> {
    if (this.workspaceUrl === undefined) {
      try {
        this.workspaceUrl = String((await this.client.auth.test()).url ?? '');
      } catch (error) {
        this.logger.warn({ err: error }, 'slack workspace URL unavailable');
        return undefined;
      }
    }
    return this.workspaceUrl ? `${this.workspaceUrl.replace(/\/$/, '')}/archives/${channel}/p${ts.replace('.', '')}` : undefined;
  }
}
