import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { LiaisonConfig } from '../../config/schema.js';
import { membershipGroups, resolveActor, type Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';

interface Cached<T> { value: T; at: number }

/**
 * Who a Slack user is to Liaison: their name, and the teams and roles their user groups give them. Group members
 * come from `usergroups.users.list`, cached for a short while so that a busy channel costs one lookup a minute and
 * a change in a user group is seen soon after; when Slack cannot answer, the last known members are used.
 */
export class SlackDirectory {
  private readonly groups = new Map<string, Cached<Set<string>>>();
  private readonly names = new Map<string, Cached<string>>();
  private readonly inflight = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly client: WebClient,
    private readonly config: LiaisonConfig,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly ttlMs = { groups: 60_000, names: 600_000 },
  ) {}

  /**
   * One source for every name: the profile's display name (users.info, cached). Slash commands, buttons and forms
   * carry the legacy `user_name` handle instead, which would show one person under two names.
   */
  async actor(userId: string): Promise<Actor> {
    const [name, groups] = await Promise.all([this.nameOf(userId), this.groupsOf(userId)]);
    return resolveActor(this.config, { platform: 'slack', id: userId, name, groups });
  }

  async groupsOf(userId: string): Promise<string[]> {
    const ids = membershipGroups(this.config).slack;
    const members = await Promise.all(ids.map((id) => this.membersOf(id)));
    return ids.filter((_, i) => members[i]?.has(userId));
  }

  /** The display name people know, falling back to the ID when Slack will not say (an external user, an outage). */
  async nameOf(userId: string): Promise<string> {
    const cached = this.names.get(userId);
    if (cached && this.fresh(cached, this.ttlMs.names)) return cached.value;
    try {
      const info = await this.client.users.info({ user: userId });
      const profile = info.user?.profile;
      const name = profile?.display_name || profile?.real_name || info.user?.real_name || info.user?.name || userId;
      this.names.set(userId, { value: name, at: this.now() });
      return name;
    } catch (error) {
      this.logger.warn({ userId, err: error }, 'slack user name unavailable');
      return cached?.value ?? userId;
    }
  }

  private async membersOf(groupId: string): Promise<Set<string>> {
    const cached = this.groups.get(groupId);
    if (cached && this.fresh(cached, this.ttlMs.groups)) return cached.value;
    // Concurrent requests for one group share a single lookup.
    const pending = this.inflight.get(groupId);
    if (pending) return pending;
    const lookup = this.client.usergroups.users
      .list({ usergroup: groupId })
      .then((result) => {
        const value = new Set(result.users ?? []);
        this.groups.set(groupId, { value, at: this.now() });
        return value;
      })
      .catch((error: unknown) => {
        if (!cached) throw error;
        this.logger.warn({ groupId, err: error }, 'slack user group lookup failed; using the last known members');
        return cached.value;
      })
      .finally(() => this.inflight.delete(groupId));
    this.inflight.set(groupId, lookup);
    return lookup;
  }

  private fresh(entry: Cached<unknown>, ttl: number): boolean {
    return this.now() - entry.at < ttl;
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
