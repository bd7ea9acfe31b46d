import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { Duration } from './duration.js';
import { ChannelRef, MembersRef, MentionRef, UserRef } from './refs.js';
import { checkBusinessHours } from './sla-checks.js';
import { SlaSettings, SlaTargets, TeamSlaFields, TeamSlaTargets } from './sla-schema.js';
import { Timezone } from './timezone.js';
import { OutboundWebhook, Tracker, webhookKey } from './tracker-schema.js';

export const CATEGORIES = ['bug', 'feature_request', 'question', 'praise', 'complaint', 'sales_lead', 'churn_risk', 'noise'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** A key used in IDs, digests and commands: lower-case, no spaces. */
const Key = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lower-case key such as product or big-co');

const CronSchedule = z.string().refine((expression) => {
  try {
    CronExpressionParser.parse(expression);
    return expression.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}, 'expected a cron schedule with five fields, such as "0 9 * * MON"');

export const Team = z.strictObject({
  name: z.string().min(1).optional(),
  home: ChannelRef,
  members: MembersRef.optional(),
  oncall: MentionRef.optional(),
  /** Business-time targets; missing ones fall back to `sla.defaults`. */
  sla: TeamSlaTargets.optional(),
  ...TeamSlaFields,
  tracker: Tracker.optional(),
});
export type Team = z.infer<typeof Team>;

const DiscordSource = z.strictObject({
  guild: z.string().regex(/^\d+$/, 'expected a Discord guild ID (digits, quoted)'),
  channels: z.array(z.string().regex(/^\d+$/, 'expected a Discord channel ID (digits, quoted)')).default([]),
  forums: z.array(z.string().regex(/^\d+$/, 'expected a Discord forum channel ID (digits, quoted)')).default([]),
});
const SlackSource = z.strictObject({ channels: z.array(z.string().regex(/^[A-Z0-9]{2,}$/, 'expected a Slack channel ID')).min(1) });
/** A webhook's signing secret, given literally or (better) as the name of an environment variable. */
const WebhookSecret = z.union([z.string().min(16, 'a webhook secret needs at least 16 characters'), z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as FORUM_WEBHOOK_SECRET') })], {
  error: 'expected a secret of at least 16 characters, or { env: NAME } to read it from the environment',
});
const WebhookSource = z.strictObject({ key: Key, secret: WebhookSecret });

export const Source = z.union([
  z.strictObject({ discord: DiscordSource }),
  z.strictObject({ slack: SlackSource }),
  z.strictObject({ webhook: WebhookSource }),
], { error: 'expected a source: { discord: {...} }, { slack: {...} } or { webhook: {...} }' });
export type Source = z.infer<typeof Source>;

export const Community = z.strictObject({
  name: z.string().min(1).optional(),
  ambassador: UserRef.optional(),
  sources: z.array(Source).min(1, 'a community needs at least one source'),
  /** Tighter targets for this community's items (an important customer's channel); never looser than the team's. */
  sla: SlaTargets.optional(),
});
export type Community = z.infer<typeof Community>;

const RoutingRule = z.strictObject({
  name: z.string().optional(),
  when: z
    .strictObject({
      category: z.array(Category).optional(),
      keywords: z.array(z.string().min(1)).optional(),
      community: z.union([Key, z.array(Key)], { error: 'expected a community key, or a list of them' }).optional(),
      urgency: z.array(z.enum(['low', 'normal', 'high', 'critical'])).optional(),
    })
    .refine((w) => Object.values(w).some((v) => v !== undefined), 'a rule needs at least one condition'),
  route: z.array(Key).min(1),
  /** Stop at this rule; otherwise later matching rules add their teams too. */
  stop: z.boolean().default(false),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

const LoopReply = z.enum(['reply', 'dm', 'none']);

export const Action = z.enum(['acknowledge', 'own', 'resolve', 'decline', 'pass_on']);

const ConfigShape = z
  .strictObject({
    $schema: z.string().optional(),
    organisation: z.strictObject({ name: z.string().min(1) }).default({ name: 'Our company' }),
    timezone: Timezone.default('UTC'),
    teams: z.record(Key, Team).refine((t) => Object.keys(t).length > 0, 'at least one team is needed'),
    communities: z.record(Key, Community).refine((c) => Object.keys(c).length > 0, 'at least one community is needed'),
    routing: z.strictObject({
      rules: z.array(RoutingRule).default([]),
      fallback: Key,
      /** Below this classifier confidence an item goes to the fallback team with suggestions; unset, the model's own calibrated threshold decides. */
      minConfidence: z.number().min(0).max(1).optional(),
      /** Optional: retrain from the ledger's corrections on this schedule (e.g. "0 3 * * *"). */
      retrain: z.strictObject({ schedule: CronSchedule }).optional(),
    }),
    closeTheLoop: z
      .strictObject({
        onResolved: LoopReply.default('reply'),
        onDeclined: LoopReply.default('reply'),
        onAcknowledged: LoopReply.default('none'),
        tellAmbassador: z.boolean().default(true),
        /** How long a reply to the author waits before it is sent, so that an undo in that time cancels it. */
        grace: Duration.prefault('2m'),
      })
      .prefault({}),
    /** Discord-only touches when closing the loop; the core decides whether and where to reply. */
    discord: z
      .strictObject({
        /** Forum tags, by name, added to a forum post when its feedback is resolved or declined. */
        forumTags: z.strictObject({ resolved: z.string().min(1).max(20).optional(), declined: z.string().min(1).max(20).optional() }).prefault({}),
        /** Also send the author a direct message when the loop is closed with a reply where they wrote. */
        dmOnClose: z.boolean().default(false),
      })
      .prefault({}),
    capture: z
      .strictObject({
        reactions: z.array(z.string().min(1)).default(['mega']),
        /** `skip`: a channel message the model is confident is chatter is counted, not captured (borderline ones are routed as unsure); `capture`: every channel message is captured. */
        noise: z.enum(['skip', 'capture']).default('skip'),
      })
      .prefault({}),
    /** Emoji reactions on a routed card and the action each one records. */
    reactions: z.record(z.string(), Action).default({ eyes: 'acknowledge', raised_hand: 'own', white_check_mark: 'resolve' }),
    roles: z
      .strictObject({
        communityManagers: MembersRef.optional(),
        /** Leadership sees everything in the web app and acts on nothing (unless also in a team). */
        leadership: MembersRef.optional(),
      })
      .prefault({}),
    permissions: z
      .strictObject({
        /** When true, only members of the routed team may act on its routing. */
        teamMembersOnly: z.boolean().default(true),
      })
      .prefault({}),
    /** Business-time targets per priority, tightening every team's (a team may set its own under `sla.high`/`sla.urgent`). */
    escalation: z
      .strictObject({ sla: z.partialRecord(Priority, SlaTargets).prefault({ high: { acknowledge: '1h' }, urgent: { acknowledge: '15m' } }) })
      .prefault({}),
    /** Business hours, holidays, defaults, reminders and the breach ladder. */
    sla: SlaSettings,
    digests: z
      .strictObject({
        leadership: z.strictObject({ home: ChannelRef, schedule: CronSchedule.default('0 9 * * MON') }).optional(),
        teams: z.strictObject({ schedule: CronSchedule.default('0 9 * * MON') }).optional(),
      })
      .prefault({}),
    webhooks: z.array(OutboundWebhook).default([]).describe('Receivers of signed outbound events (captured, routed, acted, resolved, declined, escalated, breached).'),
  });

// Cross-references run even when other fields are wrong, so that every problem is listed at once.
export const LiaisonConfig = ConfigShape.superRefine((config, ctx) => {
  checkReferences(config, ctx);
  checkBusinessHours(config, ctx);
}, { when: () => true });
export type LiaisonConfig = z.infer<typeof LiaisonConfig>;
export type LiaisonConfigInput = z.input<typeof LiaisonConfig>;

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every team and community named elsewhere must exist. Defensive: the value may be partly invalid here. */
function checkReferences(config: unknown, ctx: z.RefinementCtx): void {
  const teams = new Set(Object.keys(record(record(config).teams)));
  const communities = record(record(config).communities);
  const routing = record(record(config).routing);
  const unknownTeam = (path: (string | number)[], team: unknown) =>
    ctx.addIssue({ code: 'custom', path, message: `unknown team "${String(team)}" (teams: ${[...teams].join(', ')})` });
  if (typeof routing.fallback === 'string' && !teams.has(routing.fallback)) unknownTeam(['routing', 'fallback'], routing.fallback);
  list(routing.rules).forEach((rule, i) => {
    list(record(rule).route).forEach((team, j) => {
      if (typeof team === 'string' && !teams.has(team)) unknownTeam(['routing', 'rules', i, 'route', j], team);
    });
    const named = record(record(rule).when).community;
    for (const community of [named ?? []].flat()) {
      if (typeof community === 'string' && !(community in communities)) {
        ctx.addIssue({ code: 'custom', path: ['routing', 'rules', i, 'when', 'community'], message: `unknown community "${community}"` });
      }
    }
  });
  const hooks = new Set<string>();
  list(record(config).webhooks).forEach((hook, i) => {
    const { name, url } = record(hook);
    if (typeof url !== 'string') return;
    const key = webhookKey({ name: typeof name === 'string' ? name : undefined, url });
    if (hooks.has(key)) ctx.addIssue({ code: 'custom', path: ['webhooks', i], message: `${key} is already a webhook receiver: give each one its own name` });
    hooks.add(key);
  });
  const seen = new Map<string, string>();
  for (const [key, community] of Object.entries(communities)) {
    list(record(community).sources).forEach((source, i) => {
      for (const id of sourceIds(record(source))) {
        const other = seen.get(id);
        if (other) ctx.addIssue({ code: 'custom', path: ['communities', key, 'sources', i], message: `${id} is already a source of ${other}` });
        seen.set(id, key);
      }
    });
  }
}

function sourceIds(source: Loose): string[] {
  const discord = record(source.discord);
  const slack = record(source.slack);
  const webhook = record(source.webhook);
  return [
    ...[...list(discord.channels), ...list(discord.forums)].map((c) => `discord channel ${String(c)}`),
    ...list(slack.channels).map((c) => `slack channel ${String(c)}`),
    ...(typeof webhook.key === 'string' ? [`webhook key ${webhook.key}`] : []),
  ];
}
