import type { z } from 'zod';
import { closest } from './closest.js';
import { webhookKey } from './tracker-schema.js';

type Loose = Record<string, unknown>;
const record = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every team and community named elsewhere must exist. Defensive: the value may be partly invalid here. */
export function checkReferences(config: unknown, ctx: z.RefinementCtx): void {
  const teams = new Set(Object.keys(record(record(config).teams)));
  const communities = record(record(config).communities);
  const routing = record(record(config).routing);
  const unknownTeam = (path: (string | number)[], team: unknown) => {
    const guess = closest(String(team), [...teams]);
    ctx.addIssue({ code: 'custom', path, message: `unknown team "${String(team)}" (${guess ? `did you mean ${guess}? ` : ''}teams: ${[...teams].join(', ')})` });
  };
  if (typeof routing.fallback === 'string' && !teams.has(routing.fallback)) unknownTeam(['routing', 'fallback'], routing.fallback);
  list(routing.rules).forEach((rule, i) => {
    list(record(rule).route).forEach((team, j) => {
      if (typeof team === 'string' && !teams.has(team)) unknownTeam(['routing', 'rules', i, 'route', j], team);
    });
    const named = record(record(rule).when).community;
    for (const community of [named ?? []].flat()) {
      if (typeof community === 'string' && !(community in communities)) {
        const guess = closest(community, Object.keys(communities));
        ctx.addIssue({ code: 'custom', path: ['routing', 'rules', i, 'when', 'community'], message: `unknown community "${community}" (${guess ? `did you mean ${guess}? ` : ''}communities: ${Object.keys(communities).join(', ')})` });
      }
    }
  });
  const hooks = new Set<string>();
  list(record(config).webhooks).forEach((hook, i) => {
    const { name, url } = record(hook);
    if (typeof url !== 'string') return;
    const key = webhookKey({ name: typeof name === 'string' ? name : undefined, url });
    if (hooks.has(key)) ctx.addIssue({ code: 'custom', path: ['webhooks', i], message: `${key} is already a webhook receiver: give each one its own name` });
    hooks.add(key);
  });
  const seen = new Map<string, string>();
  for (const [key, community] of Object.entries(communities)) {
    list(record(community).sources).forEach((source, i) => {
      for (const id of sourceIds(record(source))) {
        const other = seen.get(id);
        if (other) ctx.addIssue({ code: 'custom', path: ['communities', key, 'sources', i], message: `${id} is already a source of ${other}` });
        seen.set(id, key);
      }
    });
  }
}

function sourceIds(source: Loose): string[] {
  const discord = record(source.discord);
  const slack = record(source.slack);
  const webhook = record(source.webhook);
  return [
    ...[...list(discord.channels), ...list(discord.forums)].map((c) => `discord channel ${String(c)}`),
    ...list(slack.channels).map((c) => `slack channel ${String(c)}`),
    ...(typeof webhook.key === 'string' ? [`webhook key ${webhook.key}`] : []),
  ];
}
