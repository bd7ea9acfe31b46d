/** One formatter per timezone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as people in the organisation's timezone read it ("Mon 23 Nov, 14:05"). Shared by the terminal and Slack
 * texts; Discord shows `<t:…>` timestamps that each reader's client renders in their own zone instead.
 */
export function localTime(date: Date | string, timezone: string): string {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    formatters.set(timezone, format);
  }
  return format.format(new Date(date));
}

/**
 * The same, naming the timezone ("Tue 1 Dec, 10:02 Europe/Paris"): for the terminal, where nothing else says which
 * zone a time is in and the reader may well be in another.
 */
export function zonedTime(date: Date | string, timezone: string): string {
  return `${localTime(date, timezone)} ${timezone}`;
}

const yearFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment with its year, naming the timezone as the terminal does ("1 Dec 2026, 10:02 Europe/Paris"): for web
 * pages, read from anywhere and long after.
 */
export function zonedDateTime(date: Date | string, timezone: string): string {
  let format = yearFormatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    yearFormatters.set(timezone, format);
  }
  return `${format.format(new Date(date))} ${timezone}`;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The time of day in the organisation's timezone ("10:02"), for what happened within the hour. */
export function localClockTime(date: Date | string, timezone: string): string {
  let format = clockFormatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
    clockFormatters.set(timezone, format);
  }
  return format.format(new Date(date));
}
