import type { BuildDigestInput, DigestReport, TeamDigest } from '../core/build-digest.js';
import type { Breach, SiloItem } from '../core/digest/silos.js';
import type { DigestChartData } from '../core/impact/digest-chart-data.js';
import type { RoutingCard } from '../core/load-routing-card.js';
import type { CardSubject } from '../core/actions/card-subject.js';
import type { CardBurst } from '../core/bursts/card-burst.js';
import type { DeliveryKind } from '../db/schema/delivery.js';
import type { IssueRequest } from '../core/trackers/load-issue-request.js';
import type { WebhookEventData, WebhookEventPayload } from '../core/webhooks/webhook-event.js';

/** JSON turns Dates into strings on the way through the outbox; presenters receive this shape. */
export type Jsonified<T> = T extends Date ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** `card`: what the card is about; absent from messages queued before it was kept. */
export interface CardLog { actor: string; kind: string; team: string; reason?: string; toTeam?: string; card?: CardSubject }
export interface LoopReply {
  /** `reopened`: a correction, under an earlier reply that said resolved or declined. */
  outcome: 'resolved' | 'declined' | 'acknowledged' | 'reopened'; team: string;
  /** The feedback's first line, so a direct message says what "this" is (absent from replies queued before). */
  quote?: string; reason?: string; itemId: number; organisation: string; authorId: string; replyTo: string; dm: boolean;
  /** Resolved by the team's tracker: it shipped. `url` only when the issue is public (a public repository). */
  shipped?: { tracker: 'github' | 'linear' | 'jira'; key: string; url: string | null };
}

/** Something said to one person only (on Slack an ephemeral message, on Discord an ephemeral follow-up or a DM). */
export interface Notice {
  code: 'issue_not_created' | 'issue_not_linked';
  /** `refused`: the tracker said no; `not_found`: no such issue; `gave_up`: it kept failing. */
  cause: 'refused' | 'not_found' | 'gave_up';
  userId: string;
  itemId: number;
  tracker: 'github' | 'linear' | 'jira';
  /** The repository, Linear team or Jira project. */
  place: string;
  ref?: string;
  /** The tracker's own explanation. */
  reason: string;
  interaction?: { applicationId: string; token: string; until: string };
}
export interface AmbassadorNote { outcome: string; team: string; reason?: string; itemId: number; organisation: string; community: string; excerpt?: string; voices: number; unreachable: number }
export interface Page { itemId: number; team: string; priority: string; reason: string; by: string; oncall: Record<string, string> | null; acknowledgeDueAt: string | null; card?: CardSubject }

/** Where a routing's card was posted. */
export interface ReminderCard { platform: string; channelId: string; messageId: string }

/** One combined message per team per reminder window: its at-risk and overdue items, oldest first. */
export interface Reminder {
  team: string;
  teamName: string;
  /** The window this reminder belongs to, e.g. `2026-11-23T14` — one reminder per team per window. */
  window: string;
  /**
   * `permalink`: the community's original message. `card`: the team's card (absent until posted, and from reminders
   * queued before it was kept); a reminder links the card, where the team acts, not the community's message.
   */
  items: { itemId: number; routingId: number; excerpt: string; state: 'at_risk' | 'breached'; target: 'acknowledge' | 'resolve'; dueAt: string; permalink: string | null; card?: ReminderCard; snoozed?: boolean }[];
  /** Set on escalation-ladder steps: who is being told, and why now. */
  mention?: Record<string, string> | null;
  step?: 'team' | 'oncall' | 'ambassador';
  /** Items beyond the listed ones (the list is capped, oldest kept), so a message stays within platform limits. */
  omitted?: number;
}

// One item and several read differently: "1 item needs an answer", "3 items need an answer".
const REMINDER_REASON: Record<NonNullable<Reminder['step']> | 'window', [one: string, many: string]> = {
  window: ['needs an answer', 'need an answer'],
  team: ['now overdue', 'now overdue'],
  oncall: ['still overdue, nobody has acted: on-call, please pick it up', 'still overdue, nobody has acted: on-call, please pick these up'],
  ambassador: ['overdue for your community, and the team has not acted', 'overdue for your community, and the team has not acted'],
};

/** How many items a reminder is about (listed or not) and why it is sent: the same words on every platform. */
export function reminderSummary(reminder: Reminder): { items: string; reason: string; more?: string } {
  const count = reminder.items.length + (reminder.omitted ?? 0);
  return {
    items: `${count} item${count === 1 ? '' : 's'}`,
    reason: REMINDER_REASON[reminder.step ?? 'window'][count === 1 ? 0 : 1],
    ...(reminder.omitted ? { more: `…and ${reminder.omitted} more, newer than these` } : {}),
  };
}

/** The digest's "not routed" words, the same on every platform: how much chatter was skipped, and where. */
export function notRoutedLine(notRouted: NonNullable<DigestSummary['notRouted']>, escape: (text: string) => string = (text) => text): string {
  if (notRouted.skipped === 0) return 'nothing was skipped as chatter';
  const where = notRouted.communities.map((c) => `${escape(c.name)} ${c.skipped}`).join(', ');
  return `${notRouted.skipped} channel message${notRouted.skipped === 1 ? '' : 's'} skipped as chatter (${where})`;
}

/** The leadership thread: a summary, one reply per team, one reply for what fell between silos. */
export type DigestSummary = Jsonified<Pick<DigestReport, 'organisation' | 'period' | 'previousPeriod' | 'asOf' | 'totals' | 'handoffs' | 'team'>> & {
  teams: Jsonified<TeamDigest>[];
  silos: Jsonified<DigestReport['silos']['counts']>;
  /** Absent from summaries queued before skipped chatter was counted. */
  notRouted?: DigestReport['notRouted'];
  /** Absent from summaries queued before items were counted apart from team assignments. */
  items?: DigestReport['items'];
  running?: boolean;
};
export type DigestTeamPart = Jsonified<TeamDigest> & { period: string; breaches: Jsonified<Breach>[] };
export type DigestSilosPart = {
  period: string;
  /** Absent from parts queued before these were added: the moment the lists describe, and how many items came in. */
  asOf?: string;
  items?: number;
  timezone?: string;
  noAction: StoredSiloItem[]; passedAround: StoredSiloItem[]; acknowledgedNotResolved: StoredSiloItem[]; counts: DigestReport['silos']['counts'] };
/** A listed item as stored in the outbox; parts queued before the path and the target were kept lack them. */
type StoredSiloItem = Omit<Jsonified<SiloItem>, 'path' | 'pastAcknowledgeTarget'> & Partial<Pick<SiloItem, 'path' | 'pastAcknowledgeTarget'>>;

/** What a ChatPort is asked to draw, by delivery kind. Cards are built from the current state when sent. */
export type DeliveryContent =
  | { kind: 'card' | 'card_update'; card: RoutingCard }
  | { kind: 'card_log'; log: CardLog }
  /** A team's burst of new items in one card; each item's own card follows in its thread. */
  | { kind: 'card_burst'; burst: CardBurst }
  | { kind: 'loop_reply'; reply: LoopReply }
  | { kind: 'ambassador_note'; note: AmbassadorNote }
  | { kind: 'page'; page: Page }
  | { kind: 'digest_summary'; digest: DigestSummary }
  | { kind: 'digest_team'; digest: DigestTeamPart }
  | { kind: 'digest_silos'; digest: DigestSilosPart }
  /** The leadership thread's image: drawn (PNG) by the port when sent, from figures taken when the digest was published. */
  | { kind: 'digest_chart'; chart: DigestChartData }
  | { kind: 'reminder'; reminder: Reminder }
  | { kind: 'notice'; notice: Notice }
  | { kind: 'tracker_issue'; request: IssueRequest }
  | { kind: 'webhook_event'; payload: WebhookEventPayload; event: WebhookEventData };

/** What a chat platform draws; tracker calls and webhook posts go to their own ports. */
export type ChatContent = Exclude<DeliveryContent, { kind: 'tracker_issue' | 'webhook_event' }>;

export type ContentKind = DeliveryKind;
export type { BuildDigestInput };
