import { z } from 'zod';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { loadItemViews, type ItemView } from './items/item-views.js';
import { resolveItemId } from './items/resolve-item-id.js';
import { parseInput } from './parse-input.js';

export const DescribeItemInput = z.object({ itemId: z.number().int().positive() });

/** Everything about one item, for `/liaison status` and the CLI. Follows merges to the surviving item. */
export async function describeItem(ctx: Context, raw: z.input<typeof DescribeItemInput>): Promise<ItemView> {
  const input = parseInput(DescribeItemInput, raw);
  const [view] = await loadItemViews(ctx.db, ctx.config, [await resolveItemId(ctx.db, input.itemId)], ctx.clock.now());
  if (!view) throw new DomainError('not_found', { reason: 'unknown_item', details: { itemId: input.itemId } });
  return view;
}
