import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { EXAMPLE_CONFIG_PATH, loadConfig, parseConfigText } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problems.js';

describe('the config file', () => {
  it('ships a JSON Schema that matches the zod schema (regenerate with `npm run schema:json`)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../liaison.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  it('describes every setting, so that an editor\'s hover explains it', async () => {
    type Node = { description?: string; properties?: Record<string, Node>; additionalProperties?: Node | boolean; items?: Node; anyOf?: Node[] };
    const schema = JSON.parse(await readFile(new URL('../../liaison.schema.json', import.meta.url), 'utf8')) as Node;
    const undescribed: string[] = [];
    let settings = 0;
    const visit = (node: Node, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        settings += 1;
        if (!child.description?.trim()) undescribed.push(`${path}${key}`);
        visit(child, `${path}${key}.`);
      }
      if (typeof node.additionalProperties === 'object') {
        if (!node.additionalProperties.description?.trim()) undescribed.push(`${path}<key>`);
        visit(node.additionalProperties, `${path}<key>.`);
      }
      if (node.items) visit(node.items, `${path}[].`);
      node.anyOf?.forEach((option) => visit(option, path));
    };
    visit(schema, '');
    expect(settings).toBeGreaterThan(150);
    expect(undescribed).toEqual([]);
    const hover = schema.properties?.routing?.properties?.fallback?.description;
    expect(hover).toBe('The team that gets what no rule matches, and items the classifier is unsure of (with suggestions).');
  });

  it('the example organisation is valid and is what runs without a config file', async () => {
    const loaded = await loadConfig(undefined);
    expect(loaded).toMatchObject({ isExample: true, path: EXAMPLE_CONFIG_PATH });
    expect(Object.keys(loaded.config.teams)).toEqual(['product', 'support', 'sales']);
  });

  it('lists every problem at once, each with its path', () => {
    const text = [
      'teams:',
      '  sales: { home: { slak: C1 } }',
      '  ops: { home: { slack: C0OPS }, extra: 1 }',
      'communities:',
      '  forum: { sources: [ { webhook: { key: forum, secret: { env: NOT_SET_ANYWHERE } } } ] }',
      'routing: { fallback: nobody, rules: [ { when: { keywords: [x] }, route: [ghosts] } ] }',
      'digests: { leadership: { home: { slack: C0L }, schedule: "every monday" } }',
    ].join('\n');
    let problems: string[] = [];
    try {
      parseConfigText(text, 'liaison.yaml', {});
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'teams.sales.home: expected a slack or discord channel, such as { slack: C0PRODUCT } or { discord: "1203" }; "slak" is not a setting here (did you mean slack?)',
      'teams.ops.extra: unknown setting',
      // A missing secret variable is listed in the same pass, not once the rest is fixed; all in file order.
      'communities.forum.sources.0.webhook.secret: environment variable NOT_SET_ANYWHERE is not set',
      'routing.fallback: unknown team "nobody" (teams: sales, ops)',
      'routing.rules.0.route.0: unknown team "ghosts" (teams: sales, ops)',
      'digests.leadership.schedule: expected a cron schedule with five fields, such as "0 9 * * MON"',
    ]);
  });

  it('names an environment variable that a webhook secret needs but is not set', () => {
    const text = 'teams: { ops: { home: { slack: C0OPS } } }\ncommunities: { forum: { sources: [ { webhook: { key: forum, secret: { env: FORUM_SECRET } } } ] } }\nrouting: { fallback: ops }\n';
    expect(() => parseConfigText(text, 'liaison.yaml', {})).toThrow('communities.forum.sources.0.webhook.secret: environment variable FORUM_SECRET is not set');
    expect(parseConfigText(text, 'liaison.yaml', { FORUM_SECRET: 'a-secret-long-enough' }).webhookSecrets.get('forum')).toBe('a-secret-long-enough');
  });

  it('reports a YAML syntax error with its line', () => {
    expect(() => parseConfigText('teams:\n  a: [unclosed\n', 'liaison.yaml', {})).toThrow(/^liaison\.yaml has 1 problem:\n {2}- line 3, column 1: .*[^:]$/);
  });
});
