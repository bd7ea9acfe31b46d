/** One JSON line per fault test: what was sent, stored, lost and doubled, and how long recovery took. */
export interface FaultFigures {
  ok: boolean;
  /** Items (or events) sent by the client, each counted once however often it was resent. */
  sent: number;
  stored: number;
  /** Accepted (a 202, a 200 from the Slack endpoint, or a gateway event) and not stored, or a delivery never posted. */
  lost: number;
  /** A second item for one post, or a second message for one delivery. */
  doubled: number;
  /** From the fault to serving again (the first 202, or /readyz 200); null when nothing was recovered. */
  recoveryMs: number | null;
  /** Anything beyond a plain restart by the supervisor that was needed: 0 is the promise. */
  manualSteps: number;
  [figure: string]: unknown;
}

export type FaultResult = FaultFigures & { test: string; durationMs: number };

export type Scenario = (options: { quick: boolean }) => Promise<FaultFigures>;

/** The bot's own figures from /metrics (Prometheus text). */
export async function scrape(url: string): Promise<{ rssBytes?: number; outboxLagSeconds?: number; outboxPending?: number }> {
  const text = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text(), () => '');
  const value = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };
  return { rssBytes: value('liaison_process_resident_memory_bytes'), outboxLagSeconds: value('liaison_outbox_oldest_due_seconds'), outboxPending: value('liaison_outbox_pending') };
}

export const mb = (bytes: number | undefined) => (bytes === undefined ? null : Math.round(bytes / 1024 / 1024));
