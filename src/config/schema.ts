import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { Duration } from './duration.js';
import { ChannelRef, MembersRef, MentionRef, UserRef } from './refs.js';
import { checkReferences } from './reference-checks.js';
import { checkBusinessHours } from './sla-checks.js';
import { SlaSettings, SlaTargets, TeamSlaFields, TeamSlaTargets } from './sla-schema.js';
import { Timezone } from './timezone.js';
import { OutboundWebhook, Tracker } from './tracker-schema.js';

export const CATEGORIES = ['bug', 'feature_request', 'question', 'praise', 'complaint', 'sales_lead', 'churn_risk', 'noise'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** A key used in IDs, digests and commands: lower-case, no spaces. */
const Key = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lower-case key such as product or big-co');
const TeamKey = Key.describe('A team, by its key under `teams`.');
const CommunityKey = Key.describe('A community, by its key under `communities`.');

const CronSchedule = z.string().refine((expression) => {
  try {
    CronExpressionParser.parse(expression);
    return expression.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}, 'expected a cron schedule with five fields, such as "0 9 * * MON"');

/**
 * A burst of new items for a team: more cards waiting for its channel than the platform lets Liaison post in a minute
 * (Slack and Discord: about 60) are announced in one combined card, each item's own card in its thread.
 */
export const BurstCondensing = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Combine a burst of new cards into one card (default: true); false posts every card in the channel, however long that takes.'),
    threshold: z.number().int().min(2).max(10_000).default(60).describe('How many new cards may wait for the channel before they are combined (default 60: a minute of Slack\'s and Discord\'s pace in one channel).'),
  })
  .prefault({})
  .describe('Burst condensing: when more new cards wait for the team\'s channel than its rate allows in a minute, one combined card lists them, with each item\'s card in its thread.');
export type BurstCondensing = z.infer<typeof BurstCondensing>;

export const Team = z
  .strictObject({
    name: z.string().min(1).optional().describe('How the team is called in cards, replies and digests (default: its key).'),
    home: ChannelRef.describe("The team's home channel: its routed cards, reminders and team digest are posted there."),
    members: MembersRef.optional().describe('Who belongs to the team: they may act on its cards (see permissions.teamMembersOnly).'),
    oncall: MentionRef.optional().describe('Who is mentioned when an item is escalated to the team or its SLA is breached.'),
    /** Business-time targets; missing ones fall back to `sla.defaults`. */
    sla: TeamSlaTargets.optional().describe('Business-time targets to acknowledge and resolve (missing ones fall back to sla.defaults), and tighter ones for high and urgent escalations.'),
    ...TeamSlaFields,
    tracker: Tracker.optional(),
    condense: BurstCondensing,
  })
  .describe('An internal team that acts on feedback, known by its key (lower-case, such as product).');
export type Team = z.infer<typeof Team>;

const DiscordSource = z.strictObject({
  guild: z.string().regex(/^\d+$/, 'expected a Discord guild ID (digits, quoted)').describe('The Discord server (guild) ID, quoted.'),
  channels: z.array(z.string().regex(/^\d+$/, 'expected a Discord channel ID (digits, quoted)')).default([]).describe('Text channels whose messages are captured (IDs, quoted).'),
  forums: z.array(z.string().regex(/^\d+$/, 'expected a Discord forum channel ID (digits, quoted)')).default([]).describe('Forum channels whose posts are captured (IDs, quoted).'),
});
const SlackSource = z.strictObject({
  channels: z.array(z.string().regex(/^[A-Z0-9]{2,}$/, 'expected a Slack channel ID')).min(1).describe('Slack channels whose messages are captured (IDs such as C0123ABCD; Slack Connect channels too). Invite the bot to each.'),
});
/** A webhook's signing secret, given literally or (better) as the name of an environment variable. */
const WebhookSecret = z
  .union([
    z.string().min(16, 'a webhook secret needs at least 16 characters'),
    z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as FORUM_WEBHOOK_SECRET').describe('Name of the environment variable that holds the secret.') }),
  ], { error: 'expected a secret of at least 16 characters, or { env: NAME } to read it from the environment' })
  .describe('Signs each post (HMAC-SHA256 over timestamp and body): a literal of at least 16 characters, or better { env: NAME }.');
const WebhookSource = z.strictObject({
  key: Key.describe('The source key in the intake URL: POST /intake/<key>.'),
  secret: WebhookSecret,
});

export const Source = z
  .union([
    z.strictObject({ discord: DiscordSource.describe('Discord channels and forums of one server.') }),
    z.strictObject({ slack: SlackSource.describe('Slack channels, Slack Connect ones included.') }),
    z.strictObject({ webhook: WebhookSource.describe('A signed HTTP intake, for a forum, a form or any other tool.') }),
  ], { error: 'expected a source: { discord: {...} }, { slack: {...} } or { webhook: {...} }' })
  .describe('One place feedback is captured from.');
export type Source = z.infer<typeof Source>;

export const Community = z
  .strictObject({
    name: z.string().min(1).optional().describe('How the community is called in cards, histories and digests (default: its key).'),
    ambassador: UserRef.optional().describe('The community manager responsible for it: told what happened to its feedback, and paged by the breach ladder.'),
    sources: z.array(Source).min(1, 'a community needs at least one source').describe('Where its feedback is captured: Discord channels and forums, Slack channels, webhook intakes.'),
    /** Tighter targets for this community's items (an important customer's channel); never looser than the team's. */
    sla: SlaTargets.optional().describe("Tighter targets for this community's items (an important customer's channel); never looser than the team's."),
  })
  .describe('An outside group the company listens to, known by its key (lower-case, such as makers).');
export type Community = z.infer<typeof Community>;

const RoutingRule = z
  .strictObject({
    name: z.string().optional().describe('What the rule is for; problems with the rule and routing explanations name it.'),
    when: z
      .strictObject({
        category: z.array(Category).optional().describe("Matches when the classifier's category is one of these."),
        keywords: z.array(z.string().min(1)).optional().describe('Matches when the text contains one of these words or phrases (case ignored).'),
        community: z.union([CommunityKey, z.array(CommunityKey)], { error: 'expected a community key, or a list of them' }).optional().describe('Matches feedback from this community (or one of these).'),
        urgency: z.array(z.enum(['low', 'normal', 'high', 'critical'])).optional().describe("Matches when the classifier's urgency is one of these."),
      })
      .refine((w) => Object.values(w).some((v) => v !== undefined), 'a rule needs at least one condition')
      .describe('Conditions, all of which must hold.'),
    route: z.array(TeamKey).min(1).describe('The teams a matching item is routed to.'),
    /** Stop at this rule; otherwise later matching rules add their teams too. */
    stop: z.boolean().default(false).describe('Stop at this rule when it matches; otherwise later matching rules add their teams too (default false).'),
  })
  .describe('A routing rule: when its conditions hold, the item goes to its teams.');
export type RoutingRule = z.infer<typeof RoutingRule>;

const LoopReply = z.enum(['reply', 'dm', 'none']);

export const Action = z.enum(['acknowledge', 'own', 'resolve', 'decline', 'pass_on']).describe('The action a reaction records: acknowledge, own (take it), resolve, decline or pass_on.');

const ConfigShape = z
  .strictObject({
    $schema: z.string().optional().describe('Where editors find this JSON Schema (./liaison.schema.json).'),
    organisation: z
      .strictObject({ name: z.string().min(1).describe("The company's name, used in replies to community members and in digests.") })
      .default({ name: 'Our company' })
      .describe('The company Liaison works for.'),
    timezone: Timezone.default('UTC').describe('The IANA timezone of digests, schedules and business hours, such as America/New_York (default UTC); times Liaison prints name it.'),
    teams: z.record(Key, Team).refine((t) => Object.keys(t).length > 0, 'at least one team is needed').describe('The internal teams feedback is routed to, by key.'),
    communities: z.record(Key, Community).refine((c) => Object.keys(c).length > 0, 'at least one community is needed').describe('The outside groups whose feedback is captured, by key.'),
    routing: z
      .strictObject({
        rules: z.array(RoutingRule).default([]).describe('Tried in order; every matching rule adds its teams, until one with stop: true.'),
        fallback: TeamKey.describe('The team that gets what no rule matches, and items the classifier is unsure of (with suggestions).'),
        minConfidence: z.number().min(0).max(1).optional().describe("Below this classifier confidence (0 to 1) an item goes to the fallback team with suggestions; unset, the model's own calibrated threshold decides."),
        retrain: z
          .strictObject({ schedule: CronSchedule.describe('When to retrain, as cron in the organisation\'s timezone, such as "0 3 * * *".') })
          .optional()
          .describe("Retrain the classifier from the ledger's corrections on a schedule."),
      })
      .describe('Which team gets which feedback.'),
    closeTheLoop: z
      .strictObject({
        onResolved: LoopReply.default('reply').describe('When an item is resolved, tell its author: reply (under their message), dm or none (default reply).'),
        onDeclined: LoopReply.default('reply').describe('When an item is declined, tell its author: reply, dm or none (default reply).'),
        onAcknowledged: LoopReply.default('none').describe('When an item is acknowledged, tell its author: reply, dm or none (default none).'),
        tellAmbassador: z.boolean().default(true).describe("Also tell the community's ambassador what happened (default true)."),
        grace: Duration.prefault('2m').describe('How long a reply to the author waits, so that an undo or reopen in that time withdraws it (default 2m).'),
      })
      .prefault({})
      .describe('What the person who gave the feedback is told, and how.'),
    discord: z
      .strictObject({
        forumTags: z
          .strictObject({
            resolved: z.string().min(1).max(20).optional().describe('The forum tag (by name) added to a post when its feedback is resolved.'),
            declined: z.string().min(1).max(20).optional().describe('The forum tag (by name) added to a post when its feedback is declined.'),
          })
          .prefault({})
          .describe('Forum tags added to a forum post when its feedback is closed.'),
        dmOnClose: z.boolean().default(false).describe('Also send the author a direct message when the loop is closed with a reply where they wrote (default false).'),
      })
      .prefault({})
      .describe('Discord-only touches when closing the loop.'),
    capture: z
      .strictObject({
        reactions: z.array(z.string().min(1)).default(['mega']).describe('Emoji (names, without colons) a community manager reacts with to capture a message (default mega).'),
        noise: z.enum(['skip', 'capture']).default('skip').describe('skip: a channel message the model is confident is chatter is counted, not captured; capture: every channel message is captured (default skip).'),
      })
      .prefault({})
      .describe('How messages become feedback items.'),
    reactions: z
      .record(z.string(), Action)
      .default({ eyes: 'acknowledge', raised_hand: 'own', white_check_mark: 'resolve' })
      .describe('Emoji reactions on a routed card (names, without colons) and the action each records.'),
    roles: z
      .strictObject({
        communityManagers: MembersRef.optional().describe('Who may capture by reaction, escalate, merge any items and link identities.'),
        leadership: MembersRef.optional().describe('Who sees everything in the web app and acts on nothing (unless also in a team).'),
      })
      .prefault({})
      .describe('People with roles beyond their teams.'),
    permissions: z
      .strictObject({ teamMembersOnly: z.boolean().default(true).describe("Only the routed team's members may act on its card (default true).") })
      .prefault({})
      .describe('Who may act on what.'),
    escalation: z
      .strictObject({
        sla: z
          .partialRecord(Priority, SlaTargets.describe('Targets for items escalated at this priority.'))
          .prefault({ high: { acknowledge: '1h' }, urgent: { acknowledge: '15m' } })
          .describe('Business-time targets per priority (high, urgent), tightening every team\'s; a team may set its own under sla.high / sla.urgent.'),
      })
      .prefault({})
      .describe('What an escalation (/escalate) changes.'),
    sla: SlaSettings.describe('Business hours, holidays, default targets, reminders and the breach ladder (docs/slas.md).'),
    digests: z
      .strictObject({
        leadership: z
          .strictObject({
            home: ChannelRef.describe('The channel the leadership digest thread is posted in.'),
            schedule: CronSchedule.default('0 9 * * MON').describe('When, as cron in the organisation\'s timezone (default "0 9 * * MON").'),
          })
          .optional()
          .describe('The leadership digest: a summary, one reply per team and a "fell between silos" reply.'),
        teams: z
          .strictObject({ schedule: CronSchedule.default('0 9 * * MON').describe('When, as cron in the organisation\'s timezone (default "0 9 * * MON").') })
          .optional()
          .describe("Each team's digest, posted in its home channel."),
      })
      .prefault({})
      .describe('Weekly (or other) reports of what happened to feedback.'),
    webhooks: z.array(OutboundWebhook).default([]).describe('Receivers of signed outbound events (captured, routed, acted, resolved, declined, escalated, breached).'),
  });

// Cross-references run even when other fields are wrong, so that every problem is listed at once.
export const LiaisonConfig = ConfigShape.superRefine((config, ctx) => {
  checkReferences(config, ctx);
  checkBusinessHours(config, ctx);
}, { when: () => true });
export type LiaisonConfig = z.infer<typeof LiaisonConfig>;
export type LiaisonConfigInput = z.input<typeof LiaisonConfig>;
