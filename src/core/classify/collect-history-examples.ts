import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { Category } from '../../config/schema.js';
import type { DbOrTx } from '../../db/client.js';
import { actions, feedbackItems } from '../../db/schema/index.js';
import type { CategoryExample } from './examples/index.js';
import type { TeamExample } from './team-head.js';
import type { HistoryExamples } from './train-classifier.js';

/**
 * Labelled examples from the ledger's corrections:
 * - `recategorize` ({ from, to }) → (item text, the category it ended up with: the last correction wins);
 * - `pass_on` (team_id passed it to to_team_id) → (item text, the team it ended up with). Hand-offs are replayed in
 *   order, so support → product → sales teaches only "sales", and a team that passed an item on is not its answer.
 * Undone actions do not count.
 */
export async function collectHistoryExamples(db: DbOrTx): Promise<HistoryExamples> {
  const undos = await db
    .select({ id: actions.id, undoes: actions.undoesId })
    .from(actions)
    .where(and(eq(actions.kind, 'undo'), isNotNull(actions.undoesId)));
  const undoneBy = new Map(undos.map((u) => [u.undoes as number, u.id]));
  const rows = await db
    .select({
      id: actions.id,
      itemId: feedbackItems.id,
      kind: actions.kind,
      teamId: actions.teamId,
      toTeamId: actions.toTeamId,
      data: actions.data,
      title: feedbackItems.title,
      text: feedbackItems.text,
    })
    .from(actions)
    .innerJoin(feedbackItems, eq(feedbackItems.id, actions.itemId))
    .where(inArray(actions.kind, ['pass_on', 'recategorize']))
    .orderBy(asc(actions.id));
  const texts = new Map<number, string>();
  const categoryOf = new Map<number, Category>();
  const teamsOf = new Map<number, string[]>();
  let throughActionId = 0;
  for (const row of rows) {
    // An undo of a correction changes what the ledger teaches, so it moves the mark too.
    throughActionId = Math.max(throughActionId, row.id, undoneBy.get(row.id) ?? 0);
    if (undoneBy.has(row.id)) continue;
    texts.set(row.itemId, row.title ? `${row.title}\n\n${row.text}` : row.text);
    if (row.kind === 'recategorize') {
      const to = Category.safeParse(row.data?.to);
      if (to.success) categoryOf.set(row.itemId, to.data);
    } else if (row.toTeamId) {
      const teams = (teamsOf.get(row.itemId) ?? []).filter((team) => team !== row.teamId && team !== row.toTeamId);
      teamsOf.set(row.itemId, [...teams, row.toTeamId]);
    }
  }
  const categories: CategoryExample[] = [...categoryOf].map(([itemId, category]) => ({ text: texts.get(itemId) as string, category }));
  const teams: TeamExample[] = [...teamsOf].flatMap(([itemId, list]) => list.map((team) => ({ text: texts.get(itemId) as string, team })));
  return { categories, teams, throughActionId };
}
