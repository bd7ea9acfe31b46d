import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Document, type YAMLError } from 'yaml';
import { friendlyIssue } from './friendly-issue.js';
import { missingSecretVariables } from './missing-secrets.js';
import { ConfigError, describeIssues } from './problems.js';
import { LiaisonConfig } from './schema.js';
import { resolveTrackerSecrets, type TrackerConnection, type WebhookTarget } from './tracker-secrets.js';

/** The example organisation shipped with Liaison, used when no config file is given. */
export const EXAMPLE_CONFIG_PATH = fileURLToPath(new URL('../../liaison.example.yaml', import.meta.url));

export interface LoadedConfig {
  config: LiaisonConfig;
  path: string;
  isExample: boolean;
  /** Webhook signing secrets by source key, resolved from the file or the environment. */
  webhookSecrets: Map<string, string>;
  /** Each team's tracker with its token and webhook secret, resolved from the environment. */
  trackers: Map<string, TrackerConnection>;
  /** Outbound webhook receivers by key, with their signing secrets. */
  outboundWebhooks: Map<string, WebhookTarget>;
}

/** Reads, parses and validates a config file, reporting every problem at once. */
export async function loadConfig(path: string | undefined, env: Record<string, string | undefined> = process.env): Promise<LoadedConfig> {
  const file = path ?? EXAMPLE_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  return { ...parseConfigText(text, file, env), path: file, isExample: path === undefined };
}

export function parseConfigText(text: string, origin: string, env: Record<string, string | undefined> = process.env) {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new ConfigError(origin, document.errors.map(describeYamlError));
  const raw: unknown = document.toJS() ?? {};
  // Unset secret variables are listed with the schema's problems, so that one run shows everything to fix.
  const missing = missingSecretVariables(raw, env);
  const result = LiaisonConfig.safeParse(raw, { error: friendlyIssue });
  if (!result.success || missing.length > 0) {
    const problems = [
      ...(result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, lines: describeIssues([issue], { raw, schema: LiaisonConfig }) }))),
      ...missing.map(({ path, problem }) => ({ path, lines: [problem] })),
    ];
    throw new ConfigError(origin, inFileOrder(document, problems).flatMap((p) => p.lines));
  }
  const config = result.data;
  const webhookSecrets = new Map<string, string>();
  for (const community of Object.values(config.communities)) {
    community.sources.forEach((source) => {
      if (!('webhook' in source)) return;
      const { key, secret } = source.webhook;
      const value = typeof secret === 'string' ? secret : env[secret.env];
      if (value) webhookSecrets.set(key, value);
    });
  }
  // Every variable is set by now (checked above), so there is no problem left for it to find.
  const { trackers, webhooks: outboundWebhooks } = resolveTrackerSecrets(config, env, []);
  return { config, webhookSecrets, trackers, outboundWebhooks };
}

/** `line 3, column 3: Flow map in block collection must be sufficiently indented and end with a }` */
function describeYamlError(error: YAMLError): string {
  const [first = error.message] = error.message.split('\n');
  const message = first.replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
  const at = error.linePos?.[0];
  return at ? `line ${at.line}, column ${at.col}: ${message}` : message;
}

/** Problems in the order their places appear in the file (a missing key at its parent's place), as one reads it. */
function inFileOrder<P extends { path: readonly PropertyKey[] }>(document: Document, problems: P[]): P[] {
  const offset = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n > 0; n -= 1) {
      const node = document.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return node.range[0];
    }
    return 0;
  };
  return problems.map((p, i) => ({ p, i, at: offset(p.path) })).sort((a, b) => a.at - b.at || a.i - b.i).map(({ p }) => p);
}
