import { buildDigest } from '../../../core/build-digest.js';
import { communityHistory } from '../../../core/community-history.js';
import { describeItem } from '../../../core/describe-item.js';
import { DomainError } from '../../../core/errors.js';
import { findItem } from '../../../core/find-item.js';
import { memberHistory } from '../../../core/member-history.js';
import type { DigestSummary } from '../../../delivery/content.js';
import { LIMITS } from '../block-kit-limits.js';
import { digestSummaryBlocks, digestTeamBlocks } from '../digest-blocks.js';
import { communityHistoryBlocks, itemStatusBlocks, memberHistoryBlocks } from '../history-blocks.js';
import { forPerson, tell, type SlackDeps } from '../slack-deps.js';
import { parseItemReference, parseMention, tokens } from '../slack-text.js';
import type { StoredCommand } from './command-handlers.js';

const plain = <T>(value: T) => JSON.parse(JSON.stringify(value)) as never;

/** `/liaison status | history | digest --preview`: answers for the asker only. */
export async function runQuery(deps: SlackDeps, c: StoredCommand): Promise<void> {
  const to = { user: c.user, channel: c.channel, responseUrl: c.responseUrl };
  const { ctx } = deps;
  const tz = ctx.config.timezone;
  await forPerson(deps, to, async () => {
    const [sub, first = '', ...rest] = tokens(c.text);
    if (sub === 'status') {
      const ref = parseItemReference(first);
      if (!ref) throw new DomainError('invalid_input', 'Usage: /liaison status <#id or message link>');
      const item = await describeItem(ctx, { itemId: (await findItem(ctx, ref)).itemId });
      return tell(deps, to, `#${item.id}`, itemStatusBlocks(item, tz));
    }
    if (sub === 'history') {
      if (!first) throw new DomainError('invalid_input', 'Usage: /liaison history <@member | community>');
      const mention = parseMention(first);
      if (!mention && first in ctx.config.communities) return tell(deps, to, `History of ${first}`, communityHistoryBlocks(await communityHistory(ctx, { community: first }), tz));
      const member = mention ? { platform: 'slack' as const, id: mention.id } : { name: [first, ...rest].join(' ') };
      return tell(deps, to, 'Member history', memberHistoryBlocks(await memberHistory(ctx, { member }), tz));
    }
    if (sub === 'digest') {
      const team = [first, ...rest].find((a) => a in ctx.config.teams);
      const report = await buildDigest(ctx, { team });
      const summary: DigestSummary = plain({ organisation: report.organisation, period: report.period, previousPeriod: report.previousPeriod, asOf: report.asOf, running: report.running, items: report.items, totals: report.totals, handoffs: report.handoffs, team: report.team, teams: report.teams, silos: report.silos.counts, notRouted: report.notRouted });
      // A private preview has no thread: the team parts follow in the same message instead.
      const blocks = [...(digestSummaryBlocks(summary, { threaded: false }).messages[0] ?? [])];
      for (const t of report.teams) {
        const part = digestTeamBlocks(plain({ ...t, period: report.period.key, breaches: report.breaches.filter((b) => b.team === t.team) })).messages[0] ?? [];
        if (blocks.length + part.length > LIMITS.blocksPerMessage) break;
        blocks.push(...part);
      }
      return tell(deps, to, `Digest preview · ${report.period.key}`, blocks);
    }
  });
}
