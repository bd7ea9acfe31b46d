import type { Logger } from 'pino';
import type { LiaisonConfig } from '../config/schema.js';
import { condenseBursts } from '../core/bursts/condense-bursts.js';
import type { Db } from '../db/client.js';
import type { DeliveryPlatform } from '../db/schema/delivery.js';
import type { ChatPort } from './chat-port.js';

/** Looking for bursts costs a query: once a second is enough to see one coming within a minute's worth of cards. */
const EVERY_MS = 1_000;

/**
 * The worker's side of burst condensing: which channels are paced here (a platform with its own port and limits, not
 * the console standing in for it, and not switched to unpaced), and a look for bursts before claiming, at most once
 * a second.
 */
export class BurstCondenser {
  private readonly platforms: DeliveryPlatform[];
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Db, private readonly config: LiaisonConfig, private readonly logger: Logger, ports: Partial<Record<'slack' | 'discord', ChatPort>>, pacingMs: Partial<Record<DeliveryPlatform, number>> = {}) {
    this.platforms = (['slack', 'discord'] as const).filter((p) => pacingMs[p] !== 0 && (ports[p]?.limits !== undefined || (pacingMs[p] ?? 0) > 0));
  }

  async beforeClaim(now: Date): Promise<void> {
    if (this.platforms.length === 0 || now.getTime() - this.lastAt < EVERY_MS) return;
    this.lastAt = now.getTime();
    for (const burst of await condenseBursts(this.db, this.config, now, this.platforms)) {
      this.logger.info({ teamId: burst.team, deliveryId: burst.burstId, cards: burst.cards }, 'burst of new cards combined into one');
    }
  }
}
