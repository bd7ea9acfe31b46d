import { and, eq, notInArray, sql } from 'drizzle-orm';
import { channelId, channelPlatform } from '../config/refs.js';
import type { LiaisonConfig, Source } from '../config/schema.js';
import type { Db } from '../db/client.js';
import { communities, sources, teams } from '../db/schema/index.js';
import { syncWebhookSubscriptions } from './webhooks/sync-webhook-subscriptions.js';

type SourceRow = { communityId: string; platform: 'slack' | 'discord' | 'webhook'; kind: 'channel' | 'forum' | 'webhook'; externalId: string; guildId: string | null };

/**
 * Makes the teams, communities and sources tables match the config. Nothing is deleted: a team or source removed from
 * the config is marked inactive, so that its history keeps its name. `now` is when a new source starts being watched.
 */
export async function syncOrganisation(db: Db, config: LiaisonConfig, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [id, team] of Object.entries(config.teams)) {
      const row = { name: team.name ?? id, homePlatform: channelPlatform(team.home), homeChannel: channelId(team.home), active: true, updatedAt: sql`now()` };
      await tx.insert(teams).values({ id, ...row }).onConflictDoUpdate({ target: teams.id, set: row });
    }
    await tx.update(teams).set({ active: false }).where(notInArray(teams.id, Object.keys(config.teams)));
    for (const [id, community] of Object.entries(config.communities)) {
      const row = { name: community.name ?? id, active: true, updatedAt: sql`now()` };
      await tx.insert(communities).values({ id, ...row }).onConflictDoUpdate({ target: communities.id, set: row });
    }
    await tx.update(communities).set({ active: false }).where(notInArray(communities.id, Object.keys(config.communities)));
    const rows = Object.entries(config.communities).flatMap(([id, community]) => community.sources.flatMap((s) => sourceRows(id, s)));
    const watched = new Set((await tx.select({ platform: sources.platform, externalId: sources.externalId }).from(sources).where(eq(sources.active, true))).map((s) => `${s.platform}:${s.externalId}`));
    await tx.update(sources).set({ active: false }).where(and(eq(sources.active, true), notInArray(sources.kind, ['manual'])));
    for (const row of rows) {
      // A source added back after a while unwatched starts afresh: what was said meanwhile was not for Liaison.
      const again = watched.has(`${row.platform}:${row.externalId}`) ? {} : { watchedSince: now, lastMessageId: null, catchUpFrom: null };
      await tx
        .insert(sources)
        .values({ ...row, active: true, watchedSince: now })
        .onConflictDoUpdate({ target: [sources.platform, sources.externalId], set: { communityId: row.communityId, kind: row.kind, guildId: row.guildId, active: true, ...again } });
    }
    await syncWebhookSubscriptions(tx, config);
  });
}

function sourceRows(communityId: string, source: Source): SourceRow[] {
  if ('discord' in source) {
    const { guild, channels, forums } = source.discord;
    return [
      ...channels.map((c) => ({ communityId, platform: 'discord' as const, kind: 'channel' as const, externalId: c, guildId: guild })),
      ...forums.map((c) => ({ communityId, platform: 'discord' as const, kind: 'forum' as const, externalId: c, guildId: guild })),
    ];
  }
  if ('slack' in source) {
    return source.slack.channels.map((c) => ({ communityId, platform: 'slack' as const, kind: 'channel' as const, externalId: c, guildId: null }));
  }
  return [{ communityId, platform: 'webhook', kind: 'webhook', externalId: source.webhook.key, guildId: null }];
}
