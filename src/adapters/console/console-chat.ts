import type { Writable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { excerpt, inert } from '../../core/inert-text.js';
import { PermanentDeliveryError, type ChatPort, type OutboundMessage } from '../../delivery/chat-port.js';
import { actionSentence } from '../../delivery/action-words.js';
import { noticeWords, shippedWords } from '../../delivery/notice-words.js';
import type { DeliveryContent, Reminder } from '../../delivery/content.js';
import type { ReminderLinks } from '../../delivery/reminder-links.js';
import { zonedTime } from '../local-time.js';
import { webLinks } from '../web/web-links.js';
import { cardBurstText } from './card-burst-text.js';
import { cardText } from './card-text.js';
import { writeDigestChart } from './digest-chart-file.js';
import { digestSilosText, digestSummaryText, digestTeamText } from './digest-text.js';
import { reminderText } from './reminder-text.js';

/**
 * Prints deliveries to the terminal: what Liaison would post, where, and in reply to what. It stands in for Slack
 * and Discord when their credentials are not set, so a newcomer sees the whole flow on one machine.
 */
export class ConsoleChat implements ChatPort {
  readonly name = 'console';
  private next = 1;

  /**
   * `web` is the base of links into the web app (known only once the server listens, hence a function). Without
   * it no links are printed: a demo that does not serve its database would only print dead ones.
   */
  constructor(private readonly out: Writable, private readonly timezone: string, private readonly clock: Clock, private readonly files: { chartDir: string; web?: () => string } = { chartDir: '.liaison/charts' }) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const messageId = message.editsMessageId ?? `console-${this.next++}`;
    const where = `${message.platform} ${message.channelId}${message.threadId ? ` (thread ${message.threadId})` : ''}`;
    const verb = message.editsMessageId ? `updated ${message.editsMessageId} in` : `posted ${messageId} to`;
    const { content } = message;
    const [headline, ...body] = content.kind === 'digest_chart' ? (await writeDigestChart(content.chart, this.files.chartDir, this.files.web?.())).lines : this.render(content);
    this.out.write(`\n── ${verb} ${where} ──\n${headline}\n${body.join('\n')}${body.length ? '\n' : ''}`);
    return { messageId };
  }

  /** A console card has no address of its own: a reminder links each item's page, where it can be acted on. */
  private itemPages(reminder: Reminder): ReminderLinks {
    const web = this.files.web?.();
    return new Map(web ? reminder.items.map((i) => [i.routingId, { url: `${web}${webLinks.item(i.itemId)}`, to: 'item' as const }]) : []);
  }

  private render(content: Exclude<DeliveryContent, { kind: 'digest_chart' }>): string[] {
    switch (content.kind) {
      case 'card':
      case 'card_update':
        return cardText(content.card, this.timezone, this.clock.now(), this.files.web ? `${this.files.web()}${webLinks.item(content.card.item.id)}` : undefined);
      case 'card_burst':
        return cardBurstText(content.burst, this.timezone, this.files.web?.());
      case 'card_log': {
        const l = content.log;
        return [actionSentence(l, inert)];
      }
      case 'loop_reply': {
        const r = content.reply;
        const said = r.outcome === 'resolved' ? `${r.team} has resolved this.${r.shipped ? ` ${shippedWords(r.shipped)}` : ''} Thank you for telling us.` : r.outcome === 'declined' ? `${r.team} looked at this and won't act on it: ${inert(r.reason ?? '')}` : r.outcome === 'reopened' ? `Correction: ${r.team} has reopened this and is looking at it again.` : `${r.team} has seen this.`;
        const about = r.dm && r.quote ? `About your feedback “${inert(r.quote)}”: ` : '';
        return [`@${r.authorId} ${about}${said}`, `  (reply from ${r.organisation} about #${r.itemId}${r.dm ? ', direct message' : ''}; pings only the author)`];
      }
      case 'ambassador_note': {
        const n = content.note;
        return [`For the ambassador of ${n.community}: ${n.team} ${n.outcome} #${n.itemId}${n.reason ? ` (${inert(n.reason)})` : ''}`, ...(n.excerpt ? [`  > ${inert(excerpt(n.excerpt, 200))}`] : []), `  ${n.voices} voice(s) told${n.unreachable ? `, ${n.unreachable} only reachable by you` : ''}`];
      }
      case 'page': {
        const p = content.page;
        const who = p.oncall ? Object.entries(p.oncall).map(([k, v]) => `${k}:${v}`).join(' ') : 'the team';
        return [`Paging ${who}: #${p.itemId} escalated to ${p.priority} by ${inert(p.by)}`, `  ${inert(p.reason)}${p.acknowledgeDueAt ? ` · acknowledge by ${zonedTime(p.acknowledgeDueAt, this.timezone)}` : ''}`];
      }
      case 'digest_summary':
        return digestSummaryText(content.digest);
      case 'digest_team':
        return digestTeamText(content.digest);
      case 'digest_silos':
        return digestSilosText(content.digest);
      case 'reminder':
        return reminderText(content.reminder, this.timezone, this.itemPages(content.reminder));
      case 'notice': {
        const words = noticeWords(content.notice);
        return [`(only for ${content.notice.userId}) ${inert(words.headline)}: ${inert(words.reason)}`, `  ${words.next}`];
      }
      case 'tracker_issue':
      case 'webhook_event':
        throw new PermanentDeliveryError(`${content.kind} is not a console message`);
    }
  }
}
