import { CronExpressionParser } from 'cron-parser';

/** Times a cron schedule fired in (after, until], in the organisation's timezone, oldest first, at most `limit`. */
export function occurrencesBetween(expression: string, timezone: string, after: Date, until: Date, limit = 52): Date[] {
  if (until <= after) return [];
  const schedule = CronExpressionParser.parse(expression, { currentDate: after, endDate: until, tz: timezone });
  const times: Date[] = [];
  while (schedule.hasNext()) {
    times.push(schedule.next().toDate());
  }
  return times.slice(-limit);
}
