import type { World } from './world.js';
import { bounded } from './time.js';

/** Waits (bounded) until the outbox holds nothing pending or sending; returns how many were still waiting. */
export async function outboxSettled(world: World, url: string, boundMs: number): Promise<{ waiting: number; failed: number }> {
  let waiting = 0;
  let failed = 0;
  await bounded(boundMs, 500, async () => {
    const [row] = await world.query<{ waiting: string; failed: string }>(url, `select count(*) filter (where status in ('pending', 'sending')) as waiting, count(*) filter (where status = 'failed') as failed from deliveries`).catch(() => [{ waiting: '-1', failed: '0' }]);
    waiting = Number(row?.waiting ?? -1);
    failed = Number(row?.failed ?? 0);
    return waiting === 0;
  });
  return { waiting, failed };
}
