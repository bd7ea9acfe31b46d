import { DateTime } from 'luxon';

/** A week named by its first day in local time, as people say it: "16 Nov". */
export function weekLabel(start: Date | string, timezone: string): string {
  return DateTime.fromJSDate(new Date(start), { zone: timezone }).toFormat('d LLL');
}
