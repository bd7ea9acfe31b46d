import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLiaison, runLiaison } from '../lifecycle/helpers/liaison-process.js';

/** Runs the built `liaison check-config <file>` in its own folder and returns the lines a person reads. */
async function checkConfig(root: string, yaml: string, env: Record<string, string> = {}) {
  await writeFile(join(root, 'liaison.yaml'), yaml);
  const run = runLiaison(root, ['check-config', 'liaison.yaml'], { LOG_LEVEL: '', ...env });
  const { code } = await run.exited;
  return { code, output: run.output(), lines: run.output().trim().split('\n') };
}

const BROKEN = `
organisation: { name: Broken Co }
timezone: Europe/Pariss
teams:
  product:
    home: { slack: C0PRODUCT }
    tracker: { github: { repo: broken/app, token: { env: BROKEN_GITHUB_TOKEN }, tokn: x } }
  support: { home: { slack: C0SUPPORT }, membrs: { slackUserGroup: S0SUP } }
communities:
  forum:
    sources: [ { webhook: { key: forum, secret: { env: BROKEN_FORUM_SECRET } } }, { slack: { channel: [C0FORUM] } } ]
routing:
  rules:
    - { name: bugs to support, when: { category: [bug, feature_requst] }, route: [suport] }
    - { when: { keywords: [price] }, route: [sales] }
  fallback: support
  minConfidence: high
capture: { noise: maybe }
sla: { atRiskShare: .nan }
`;

describe('liaison check-config, as a person reads it', () => {
  let root: string;
  beforeAll(async () => {
    root = await buildLiaison();
  }, 120_000);

  it('lists every problem in one pass, each with its path: the schema, the environment and unset secret variables', async () => {
    const { code, lines } = await checkConfig(root, BROKEN, { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(lines[0]).toBe(`Liaison configuration has ${lines.length - 1} problems:`);
    expect(lines.slice(1)).toEqual(expect.arrayContaining([
      '  - environment: PORT: must be a number',
      '  - liaison.yaml: teams.product.tracker.github.token: environment variable BROKEN_GITHUB_TOKEN is not set',
      '  - liaison.yaml: communities.forum.sources.0.webhook.secret: environment variable BROKEN_FORUM_SECRET is not set',
      '  - liaison.yaml: routing.rules.0 ("bugs to support").route.0: unknown team "suport" (did you mean support? teams: product, support)',
      '  - liaison.yaml: routing.rules.1.route.0: unknown team "sales" (teams: product, support)',
    ]));
  });

  it('says what a value must be in plain words, never in the validator\'s', async () => {
    const { output, lines } = await checkConfig(root, BROKEN);
    expect(lines).toEqual(expect.arrayContaining([
      '  - liaison.yaml: routing.minConfidence: must be a number, not "high"',
      '  - liaison.yaml: sla.atRiskShare: must be a number',
      '  - liaison.yaml: capture.noise: must be one of: skip, capture',
      '  - liaison.yaml: communities.forum.sources.1.slack.channels: is required (a list)',
    ]));
    expect(output).not.toMatch(/Invalid (input|option)|expected one of|received|"\|"/);
  });

  it('suggests the setting or value a typo meant, and names a rule by its name', async () => {
    const { lines } = await checkConfig(root, BROKEN);
    expect(lines).toEqual(expect.arrayContaining([
      '  - liaison.yaml: timezone: expected an IANA timezone such as America/New_York (did you mean Europe/Paris?)',
      '  - liaison.yaml: teams.support.membrs: unknown setting (did you mean members?)',
      '  - liaison.yaml: teams.product.tracker.github.tokn: unknown setting (did you mean token?)',
      '  - liaison.yaml: communities.forum.sources.1.slack.channel: unknown setting (did you mean channels?)',
      '  - liaison.yaml: routing.rules.0 ("bugs to support").when.category.1: must be one of: bug, feature_request, question, praise, complaint, sales_lead, churn_risk, noise (did you mean feature_request?)',
    ]));
  });

  it('reads a YAML syntax error with its line and column and the parser\'s words, nothing dangling', async () => {
    const { code, lines } = await checkConfig(root, 'teams:\n  product: { home: { slack: C0PRODUCT }\n  support: [\n');
    expect(code).toBe(1);
    expect(lines).toEqual([
      'Liaison configuration has 2 problems:',
      '  - liaison.yaml: line 3, column 3: Flow map in block collection must be sufficiently indented and end with a }',
      '  - liaison.yaml: line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});
