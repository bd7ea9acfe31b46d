import { userKey, type UserRef } from '../../config/refs.js';
import type { Tx } from '../../db/client.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome, type NewDelivery } from '../outbox.js';
import { describeRows, type WatchedRow } from './attention.js';
import type { LadderStep } from './ladder-plan.js';
import { ListedRows, listedItems, reminderPayload } from './reminder-items.js';

export interface LadderFired {
  step: LadderStep;
  row: WatchedRow;
  actionId: number;
}

/** An ambassador as a mention presenters understand (the same keys as an on-call mention). */
function userMention(ref: UserRef): Record<string, string> {
  const { platform, id } = userKey(ref);
  return platform === 'slack' ? { slackUser: id } : platform === 'discord' ? { discordUser: id } : { consoleUser: id };
}

interface LadderBatch {
  step: LadderStep;
  target: NewDelivery['target'];
  mention: Record<string, string> | null;
  listed: ListedRows;
  firstActionId: number;
}

/**
 * The messages of a pass's ladder steps, gathered page by page: one per step (per ambassador for that step), never
 * one per item, keeping only what the message lists. Leadership has no message of its own: the step puts the
 * breach in the leadership digest.
 */
export class LadderBatches {
  readonly batches = new Map<string, LadderBatch>();

  constructor(private readonly ctx: Context, private readonly team: string) {}

  add(fired: LadderFired[]): void {
    const { config } = this.ctx;
    for (const f of fired) {
      if (f.step === 'leadership') continue;
      const ambassador = f.step === 'ambassador' ? (config.communities[f.row.communityId]?.ambassador as UserRef) : undefined;
      const who = ambassador && userKey(ambassador);
      const batchKey = who ? `ambassador:${who.platform}:${who.id}` : f.step;
      let batch = this.batches.get(batchKey);
      if (!batch) {
        const target = who ? { platform: who.platform, channelId: who.id } : teamHome(config, this.team);
        const mention = ambassador ? userMention(ambassador) : f.step === 'oncall' ? { ...config.teams[this.team]?.oncall } : null;
        batch = { step: f.step, target, mention, listed: new ListedRows(), firstActionId: f.actionId };
        this.batches.set(batchKey, batch);
      }
      batch.listed.add(f.row);
      batch.firstActionId = Math.min(batch.firstActionId, f.actionId);
    }
  }
}

/** One message per batch; keys name the first ledger entry of the batch, so a retried pass adds nothing. */
export async function enqueueLadderMessages(tx: Tx, ctx: Context, team: string, gathered: LadderBatches, window: string, now: Date): Promise<void> {
  const teamName = ctx.config.teams[team]?.name ?? team;
  const messages: NewDelivery[] = [];
  for (const batch of gathered.batches.values()) {
    const rows = await describeRows(tx, batch.listed.first);
    messages.push({
      key: `sla_ladder:${team}:${batch.step}:${batch.firstActionId}`,
      kind: 'reminder',
      target: batch.target,
      payload: reminderPayload({ team, teamName, window, ...listedItems(rows, batch.listed.total), mention: batch.mention, step: batch.step as 'team' | 'oncall' | 'ambassador' }),
    });
  }
  await enqueueDeliveries(tx, now, messages);
}
