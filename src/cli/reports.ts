import type { Command } from 'commander';
import { digestSilosText, digestSummaryText, digestTeamText } from '../adapters/console/digest-text.js';
import { historyText } from '../adapters/console/history-text.js';
import { localTime } from '../adapters/local-time.js';
import { buildDigest, type DigestReport } from '../core/build-digest.js';
import { digestParts } from '../core/digest/digest-parts.js';
import { communityHistory } from '../core/community-history.js';
import { memberHistory } from '../core/member-history.js';
import { publishDigest } from '../core/publish-digest.js';
import type { DigestSilosPart, DigestSummary, DigestTeamPart } from '../delivery/content.js';
import { command, openRuntime } from './runtime.js';

const plain = <T>(value: T) => JSON.parse(JSON.stringify(value));

/** The digest as the console presents it: the same parts the leadership thread gets. */
export function digestText(report: DigestReport): string {
  const period = report.period.key;
  const summary: DigestSummary = { ...plain(report), silos: report.silos.counts };
  const teams = report.teams.map((t) => digestTeamText({ ...plain(t), period, breaches: plain(report.breaches.filter((b) => b.team === t.team)) } as DigestTeamPart));
  const silos = digestSilosText(digestParts(report).silos as DigestSilosPart);
  // Printed as one document, so the summary does not point at a thread.
  return [...digestSummaryText(summary, { threaded: false }), '', ...teams.flatMap((t) => [...t, '']), ...silos].join('\n');
}

export function registerReports(program: Command): void {
  program
    .command('digest')
    .description('build the leadership digest (or a team digest) for a period; --preview prints it without posting')
    .option('--preview', 'print to this terminal only')
    .option('--period <period>', 'a week such as 2026-W47 or a day such as 2026-11-16 (default: the last complete week)')
    .option('--team <team>', 'a team digest instead of the leadership one')
    .action(command(async (options: { preview?: boolean; period?: string; team?: string }) => {
      const runtime = await openRuntime();
      try {
        if (options.preview) {
          process.stdout.write(`${digestText(await buildDigest(runtime.ctx, { period: options.period, team: options.team }))}\n`);
          return;
        }
        const report = await buildDigest(runtime.ctx, { period: options.period, team: options.team });
        const audience = options.team ? { kind: 'team' as const, team: options.team } : { kind: 'leadership' as const };
        const result = await publishDigest(runtime.ctx, audience, report.period.key, runtime.ctx.clock.now());
        if (result.refused === 'period_running') {
          process.stderr.write(`${report.period.key} has not ended yet (it ends ${localTime(report.period.end, report.period.timezone)}, ${report.period.timezone}), so it cannot be posted: it is posted once, after it ends. Add --preview to see it as it stands.\n`);
          return 1;
        }
        process.stdout.write(result.published ? `Queued ${result.key}; the running bot posts it.\n` : `${result.key} was already posted (or has no home channel); nothing queued.\n`);
      } finally {
        await runtime.database.shutdown();
      }
    }));

  program
    .command('history')
    .description('everything a member or a community raised and what came of it')
    .argument('<who>', 'a community key (e.g. makers), a member as platform:id (slack:U0123, discord:1234) or a name')
    .action(command(async (who: string) => {
      const runtime = await openRuntime();
      try {
        const { ctx } = runtime;
        const identity = /^(slack|discord|webhook|console):(.+)$/.exec(who);
        const lines = who in ctx.config.communities
          ? historyText.community(await communityHistory(ctx, { community: who }), ctx.config.timezone)
          : historyText.member(await memberHistory(ctx, { member: identity ? { platform: identity[1] as 'slack', id: identity[2] as string } : { name: who } }), ctx.config.timezone);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await runtime.database.shutdown();
      }
    }));
}
