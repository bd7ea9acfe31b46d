import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '../core/errors.js';
import { resolveItemId } from '../core/items/resolve-item-id.js';
import { TRACKER_NAME } from '../core/trackers/issue-link.js';
import { requestIssue } from '../core/trackers/request-issue.js';
import { listFailedWebhooks } from '../core/webhooks/list-failed-webhooks.js';
import { replayWebhook } from '../core/webhooks/replay-webhook.js';
import { webhookEventJsonSchema } from '../core/webhooks/webhook-event.js';
import { routings, trackerIssues } from '../db/schema/index.js';
import { positiveInteger } from './classifier-options.js';
import { command, openRuntime, type Runtime } from './runtime.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `liaison issue create|link`: the card's tracker buttons for the terminal, where there are none. The operator acts
 * for the team (they hold the server); the running bot's outbox makes the tracker call, and this waits for it.
 */
export function registerTrackerCommands(program: Command): void {
  const issue = program.command('issue').description("create or link an item's issue in its team's tracker (the card's Create issue / Link issue)");
  const common = (c: Command) => c.requiredOption('--team <team>', 'the team whose card it is').option('--as <name>', 'who is acting (recorded in the ledger)', process.env.USER ?? 'operator').option('--wait <seconds>', 'how long to wait for the tracker', '30');
  common(issue.command('create').argument('<item>', 'item number, e.g. 12 or #12').description("make an issue in the team's tracker with the feedback"))
    .action(command((item: string, options: IssueOptions) => issueCommand({ item, op: 'create', ...options })));
  common(issue.command('link').argument('<item>', 'item number').argument('<issue>', "the issue's URL or key (#42, ENG-123, GARDEN-7)").description('attach an existing issue instead'))
    .action(command((item: string, ref: string, options: IssueOptions) => issueCommand({ item, op: 'link', ref, ...options })));

  const webhooks = program.command('webhooks').description('outbound webhook events: what was given up on, and sending it again');
  webhooks.command('failed').description('events given up on (and those waiting behind them), oldest first').action(command(async () => {
    const runtime = await openRuntime();
    try {
      const failed = await listFailedWebhooks(runtime.ctx.db);
      if (failed.length === 0) process.stdout.write('No webhook event has been given up on.\n');
      for (const f of failed) process.stdout.write(`${f.deliveryId}  ${f.status === 'failed' ? 'FAILED ' : 'waiting'}  ${f.receiver}  ${f.type} #${f.itemId}  ${f.occurredAt}  attempts ${f.attempts}  ${f.lastError ?? ''}\n`);
      if (failed.length > 0) process.stdout.write('Send one again (and those waiting behind it) with: liaison webhooks replay <id>\n');
    } finally {
      await runtime.database.shutdown();
    }
  }));
  webhooks.command('replay').argument('<id>', 'the delivery id from `liaison webhooks failed`').description('send a given-up event again, with the same event id, and the events behind it in order').action(command(async (id: string) => {
    const runtime = await openRuntime();
    try {
      const replayed = await replayWebhook(runtime.ctx, { deliveryId: positiveInteger(id, '<id>', 1) });
      process.stdout.write(`Queued again: ${replayed.join(', ')}. The running bot sends them, in order.\n`);
    } finally {
      await runtime.database.shutdown();
    }
  }));
  webhooks.command('schema').description('print the JSON Schema of webhook events (docs/webhook-event.schema.json is this)').action(command(async () => {
    process.stdout.write(`${JSON.stringify(webhookEventJsonSchema(), null, 2)}\n`);
  }));
}

interface IssueOptions { team: string; as: string; wait: string }

async function issueCommand(args: IssueOptions & { item: string; op: 'create' | 'link'; ref?: string }): Promise<number> {
  const runtime = await openRuntime();
  try {
    const { ctx } = runtime;
    if (!(args.team in ctx.config.teams)) throw new DomainError('invalid_input', `There is no team called "${args.team}".`);
    const itemId = await resolveItemId(ctx.db, positiveInteger(args.item.replace(/^#/, ''), '<item>', 1));
    const [routing] = await ctx.db.select({ id: routings.id }).from(routings).where(and(eq(routings.itemId, itemId), eq(routings.teamId, args.team)));
    if (!routing) throw new DomainError('not_found', `#${itemId} is not with ${ctx.config.teams[args.team]?.name ?? args.team}.`);
    const actor = { platform: 'console' as const, id: args.as, name: args.as, teams: [args.team], isCommunityManager: false, isLeadership: false };
    const result = await requestIssue(ctx, { routingId: routing.id, op: args.op, ref: args.ref, actor, via: 'command', notify: { platform: 'console', userId: args.as, channelId: 'console' } });
    process.stdout.write(`${args.op === 'create' ? `Creating an issue in ${TRACKER_NAME[result.tracker]} (${result.place})` : `Linking ${result.key}`} for #${itemId}…\n`);
    return await waitForIssue(runtime, routing.id, positiveInteger(args.wait, '--wait', 0));
  } finally {
    await runtime.database.shutdown();
  }
}

/** The running bot sends the request; this reports what the tracker answered, or that it is still queued. */
async function waitForIssue(runtime: Runtime, routingId: number, seconds: number): Promise<number> {
  for (let waited = 0; waited <= seconds * 1000; waited += 500) {
    const [row] = await runtime.ctx.db.select().from(trackerIssues).where(eq(trackerIssues.routingId, routingId));
    if (row?.status === 'linked') {
      process.stdout.write(`${row.issueKey}: ${row.url} (${row.stateLabel ?? row.state})\n`);
      return 0;
    }
    if (row?.status === 'failed') {
      process.stderr.write(`The tracker refused: ${row.lastError}\n`);
      return 1;
    }
    if (waited < seconds * 1000) await sleep(500);
  }
  process.stdout.write('Queued: the running Liaison (npm start) makes the call; the card shows the issue when it is there.\n');
  return 0;
}
