import { CronExpressionParser } from 'cron-parser';
import { zonedTime } from '../adapters/local-time.js';
import type { LiaisonConfig } from '../config/schema.js';
import type { Settings } from './runtime.js';

/** When each digest is next posted, in the organisation's timezone and naming it: "Mon 7 Dec, 09:00 America/New_York". */
function nextDigests(config: LiaisonConfig, now: Date): string | undefined {
  const schedules = [
    ...(config.digests.leadership ? [{ what: 'leadership', schedule: config.digests.leadership.schedule }] : []),
    ...(config.digests.teams ? [{ what: 'teams', schedule: config.digests.teams.schedule }] : []),
  ];
  const next = schedules.map(({ what, schedule }) => ({ what, at: zonedTime(CronExpressionParser.parse(schedule, { tz: config.timezone, currentDate: now }).next().toDate(), config.timezone) }));
  if (next.length === 0) return undefined;
  // The usual case, both on one schedule, reads as one line.
  if (next.every((n) => n.at === next[0]?.at)) return `${next.map((n) => n.what).join(' and ')} ${next[0]?.at}`;
  return next.map((n) => `${n.what} ${n.at}`).join('; ');
}

/** What a newcomer needs on screen after `npm start`: where it listens, where messages go, how to send one. */
export function startupBanner(info: Settings & { port: number | undefined; platforms: string[]; slack: boolean; discord: boolean; now: Date }): string {
  const { config } = info.loaded;
  const base = info.port === undefined ? undefined : `http://localhost:${info.port}`;
  const digests = nextDigests(config, info.now);
  const lines = [
    '',
    `Liaison is running for ${config.organisation.name}${info.loaded.isExample ? ' (the built-in example organisation; set LIAISON_CONFIG to use yours)' : ` (${info.loaded.path})`}.`,
    ...(base ? [`  health:  ${base}/healthz   metrics: ${base}/metrics`] : []),
    `  delivering to: ${[...info.platforms, ...(info.slack && info.discord ? [] : ['console (this terminal)'])].join(', ')}`,
    `  database: ${info.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${info.env.LIAISON_DATA_DIR}/pg`}`,
    `  timezone: ${config.timezone} (the organisation's: business hours, digests and every time printed here)`,
    ...(digests ? [`  next digests: ${digests}`] : []),
  ];
  const webhooks = [...info.loaded.webhookSecrets.keys()];
  if (base && webhooks.length > 0) {
    lines.push(`  intake:  POST ${base}/intake/<key> for ${webhooks.join(', ')} (signed; see README "Webhook intake")`);
    if (info.loaded.isExample) {
      lines.push('  try it:  npm run liaison -- send-example   (posts a signed example to the forum intake)');
    }
  }
  return `${lines.join('\n')}\n\n`;
}
