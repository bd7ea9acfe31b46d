import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** "90m", "4h", "2d", "1w" or "1d12h": the shapes people write in a config file. */
export const Duration = z
  .string()
  .regex(/^(\d+[mhdw])+$/, 'expected a duration such as 30m, 4h, 2d or 1w')
  .transform((text) => {
    let ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+)([mhdw])/g)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return ms;
  });

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = minutes / 60;
  if (hours < 48) return Number.isInteger(hours) ? `${hours}h` : `${Math.floor(hours)}h${minutes % 60}m`;
  const days = hours / 24;
  return Number.isInteger(days) ? `${days}d` : `${Math.floor(days)}d${Math.round(hours % 24)}h`;
}
