import { sql, type SQL } from 'drizzle-orm';
import type { LiaisonConfig } from '../../config/schema.js';
import { timelineOf } from './business-timeline.js';
import { teamCalendar } from './sla-policy.js';

/** How far back a routing's start is counted in business time; older starts count from here (years-old answers are rare). */
const LOOKBACK_MS = 3 * 365 * 86_400_000;

/**
 * Each team's working intervals as SQL arrays (epoch milliseconds: starts, ends, working time before each), so that
 * business time can be aggregated inside PostgreSQL instead of shipping every routing to Node. The intervals are
 * the cached timeline `businessTimeBetween` uses, so the two agree to the millisecond. Join it `using (team_id)`.
 */
export function teamCalendarsSql(config: LiaisonConfig, teams: string[], until: Date): SQL {
  const rows = teams.map((team) => {
    const timeline = timelineOf(teamCalendar(config, team), until.getTime() - LOOKBACK_MS, until.getTime());
    const array = (values: number[]) => `{${values.join(',')}}`;
    return sql`(${team}::text, ${array(timeline.starts)}::float8[], ${array(timeline.ends)}::float8[], ${array(timeline.before)}::float8[])`;
  });
  return sql`(values ${sql.join(rows, sql`, `)}) as cal(team_id, starts, ends, before)`;
}

const epochMs = (column: SQL) => sql`(date_part('epoch', ${column}) * 1000)`;

/** Working time on the joined calendar `cal` from its first interval up to `column` (0 before the first interval). */
function worked(column: SQL): SQL {
  const at = epochMs(column);
  const i = sql`width_bucket(${at}, cal.starts)`;
  return sql`coalesce(cal.before[${i}] + least(${at}, cal.ends[${i}]) - cal.starts[${i}], 0)`;
}

/** Business milliseconds between two timestamp columns on the joined calendar `cal` (0 when `to` is not after `from`). */
export function businessMsSql(from: SQL, to: SQL): SQL {
  return sql`greatest(${worked(to)} - ${worked(from)}, 0)`;
}
