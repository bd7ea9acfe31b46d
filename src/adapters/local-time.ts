/** One formatter per style and timezone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: string, timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${style} ${timezone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, ...options });
    formatters.set(key, format);
  }
  return format;
}

/**
 * A moment as people in the organisation's timezone read it ("Mon 23 Nov, 14:05"). Shared by the terminal and Slack
 * texts; Discord shows `<t:…>` timestamps that each reader's client renders in their own zone instead.
 */
export function localTime(date: Date | string, timezone: string): string {
  return formatter('day', timezone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(date));
}

/**
 * The same, naming the timezone ("Tue 1 Dec, 10:02 Europe/Paris"): for the terminal, where nothing else says which
 * zone a time is in and the reader may well be in another.
 */
export function zonedTime(date: Date | string, timezone: string): string {
  return `${localTime(date, timezone)} ${timezone}`;
}

/**
 * A moment with its year, naming the timezone as the terminal does ("1 Dec 2026, 10:02 Europe/Paris"): for web
 * pages, read from anywhere and long after.
 */
export function zonedDateTime(date: Date | string, timezone: string): string {
  const format = formatter('year', timezone, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${format.format(new Date(date))} ${timezone}`;
}

/** The time of day in the organisation's timezone ("10:02"), for what happened within the hour. */
export function localClockTime(date: Date | string, timezone: string): string {
  return formatter('clock', timezone, { hour: '2-digit', minute: '2-digit' }).format(new Date(date));
}
