import { userKey, type UserRef } from '../../config/refs.js';
import type { Tx } from '../../db/client.js';
import type { Context } from '../context.js';
import { enqueueDeliveries, teamHome, type NewDelivery } from '../outbox.js';
import type { AttentionRow } from './attention.js';
import type { LadderStep } from './ladder-plan.js';
import { listedItems, reminderPayload } from './reminder-items.js';

export interface LadderFired {
  step: LadderStep;
  row: AttentionRow;
  actionId: number;
}

/** An ambassador as a mention presenters understand (the same keys as an on-call mention). */
function userMention(ref: UserRef): Record<string, string> {
  const { platform, id } = userKey(ref);
  return platform === 'slack' ? { slackUser: id } : platform === 'discord' ? { discordUser: id } : { consoleUser: id };
}

/**
 * One combined message per step (per ambassador for that step), never one per item. Leadership has no message of
 * its own: the step puts the breach in the leadership digest. Keys name the first ledger entry of the batch.
 */
export async function enqueueLadderMessages(tx: Tx, ctx: Context, team: string, fired: LadderFired[], window: string, now: Date): Promise<void> {
  const teamName = ctx.config.teams[team]?.name ?? team;
  const batches = new Map<string, { step: LadderStep; target: NewDelivery['target']; mention: Record<string, string> | null; fired: LadderFired[] }>();
  for (const f of fired) {
    if (f.step === 'leadership') continue;
    const ambassador = f.step === 'ambassador' ? (ctx.config.communities[f.row.communityId]?.ambassador as UserRef) : undefined;
    const who = ambassador && userKey(ambassador);
    const batchKey = who ? `ambassador:${who.platform}:${who.id}` : f.step;
    const target = who ? { platform: who.platform, channelId: who.id } : teamHome(ctx.config, team);
    const mention = ambassador ? userMention(ambassador) : f.step === 'oncall' ? { ...ctx.config.teams[team]?.oncall } : null;
    const batch = batches.get(batchKey) ?? { step: f.step, target, mention, fired: [] };
    batch.fired.push(f);
    batches.set(batchKey, batch);
  }
  const messages: NewDelivery[] = [...batches.values()].map((batch) => ({
    key: `sla_ladder:${team}:${batch.step}:${Math.min(...batch.fired.map((f) => f.actionId))}`,
    kind: 'reminder',
    target: batch.target,
    payload: reminderPayload({ team, teamName, window, ...listedItems(batch.fired.map((f) => f.row)), mention: batch.mention, step: batch.step as 'team' | 'oncall' | 'ambassador' }),
  }));
  await enqueueDeliveries(tx, now, messages);
}
