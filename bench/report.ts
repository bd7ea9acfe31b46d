/** Every figure is one JSON line on stdout: {"name": ..., "value": ..., "unit": ...}. */
export function report(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(unit === 'ms' || unit === 'us' ? 3 : 4)), unit, ...extra })}\n`);
}

/** p-th percentile (0..100) of already collected samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Notes go to stderr so that stdout stays one JSON line per figure. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
