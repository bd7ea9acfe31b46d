import { signIntake } from '../../src/adapters/http/signature.js';
import { pause } from './time.js';

export const INTAKE_SECRET = 'a-test-secret-of-some-length';

export interface PostRecord {
  text: string;
  attempts: number;
  /** Got a 202: Liaison said it stored the post. */
  accepted: boolean;
  statuses: number[];
  /** When the first attempt left, and when the 202 came (ms since the epoch). */
  firstSentAt?: number;
  acceptedAt?: number;
}

/** How an open-loop burst went from the sender's side: whether it kept its pace, and when it stopped sending. */
export interface BurstTiming {
  startedAt: number;
  /** When the last post of the burst was sent (its answer may come later). */
  lastSentAt: number;
  /** How far behind its schedule the sender was at worst (a loaded machine slows the sender too). */
  maxLateMs: number;
}

/**
 * A forum that posts to /intake as a careful sender does: each post has its own id, and whatever did not get a 202
 * (a 503, a refused connection, a timeout) is sent again later with the same id.
 */
export class IntakeClient {
  readonly posts = new Map<string, PostRecord>();
  readonly latencies: number[] = [];
  private next = 0;

  constructor(private readonly baseUrls: () => string[], private readonly prefix: string) {}

  /** A new post: the texts alternate between a bug (a Discord card) and an idea (a Slack card). */
  fresh(): string {
    const n = this.next++;
    const id = `${this.prefix}-${n}`;
    this.posts.set(id, { text: n % 2 === 0 ? `The export crashes when saving garden ${n}` : `Please add a dark mode to the planner, idea ${n}`, attempts: 0, accepted: false, statuses: [] });
    return id;
  }

  async send(id: string, timeoutMs = 5_000): Promise<number> {
    const post = this.posts.get(id);
    if (!post) throw new Error(`unknown post ${id}`);
    const urls = this.baseUrls();
    const base = urls[post.attempts % urls.length] ?? urls[0];
    post.attempts += 1;
    post.firstSentAt ??= Date.now();
    const body = JSON.stringify({ id, text: post.text, author: { id: `member-${id}`, name: 'Fault Suite' } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const started = performance.now();
    const status = await fetch(`${base}/intake/forum`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(INTAKE_SECRET, timestamp, body) },
      signal: AbortSignal.timeout(timeoutMs),
    }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    }, () => 0);
    this.latencies.push(performance.now() - started);
    post.statuses.push(status);
    if (status === 202 && !post.accepted) {
      post.accepted = true;
      post.acceptedAt = Date.now();
    }
    return status;
  }

  /**
   * Sends `count` new posts at `perSecond`, without waiting for answers (as a busy forum does); resolves once every
   * answer is in (or timed out), with when the sending itself ended.
   */
  async burst(count: number, perSecond: number, onTick?: (sent: number) => void | Promise<void>): Promise<BurstTiming> {
    const gap = 1000 / perSecond;
    const startedAt = Date.now();
    const inFlight: Promise<number>[] = [];
    let maxLateMs = 0;
    let lastSentAt = startedAt;
    for (let i = 0; i < count; i += 1) {
      maxLateMs = Math.max(maxLateMs, Date.now() - (startedAt + i * gap));
      lastSentAt = Date.now();
      inFlight.push(this.send(this.fresh()));
      await onTick?.(i + 1);
      const due = startedAt + (i + 1) * gap;
      if (due > Date.now()) await pause(due - Date.now());
    }
    await Promise.all(inFlight);
    return { startedAt, lastSentAt, maxLateMs: Math.round(maxLateMs) };
  }

  unaccepted(): string[] {
    return [...this.posts].filter(([, p]) => !p.accepted).map(([id]) => id);
  }

  /** Resends what has no 202 yet, in rounds, until everything is accepted or the bound passes. */
  async resendUntilAccepted(boundMs: number, roundGapMs = 500): Promise<boolean> {
    const until = Date.now() + boundMs;
    for (let round = 0; round < 1_000 && Date.now() < until; round += 1) {
      const missing = this.unaccepted();
      if (missing.length === 0) return true;
      for (let i = 0; i < missing.length; i += 20) await Promise.all(missing.slice(i, i + 20).map((id) => this.send(id)));
      await pause(roundGapMs);
    }
    return this.unaccepted().length === 0;
  }

  get sent(): number {
    return this.posts.size;
  }

  get accepted(): number {
    return [...this.posts.values()].filter((p) => p.accepted).length;
  }

  get requests(): number {
    return [...this.posts.values()].reduce((n, p) => n + p.attempts, 0);
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}
