/**
 * Slack message timestamps ("1796146119.000123") as whole microseconds, for arithmetic and ordering: as a float the
 * last digits would round (seconds since 1970 already use ten of a double's sixteen digits).
 */
export function micros(ts: string | Date): number {
  if (ts instanceof Date) return ts.getTime() * 1000;
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

export function fromMicros(value: number): string {
  const whole = Math.floor(value);
  return `${Math.floor(whole / 1_000_000)}.${String(whole % 1_000_000).padStart(6, '0')}`;
}
