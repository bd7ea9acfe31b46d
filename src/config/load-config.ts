import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { ConfigError, describeIssues } from './problems.js';
import { LiaisonConfig } from './schema.js';
import { missingTrackerSecrets, resolveTrackerSecrets, type TrackerConnection, type WebhookTarget } from './tracker-secrets.js';

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
  if (document.errors.length > 0) {
    throw new ConfigError(origin, document.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  const raw: unknown = document.toJS() ?? {};
  const result = LiaisonConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(origin, [...describeIssues(result.error.issues), ...missingTrackerSecrets(raw, env)]);
  const config = result.data;
  const problems: string[] = [];
  const webhookSecrets = new Map<string, string>();
  for (const [communityKey, community] of Object.entries(config.communities)) {
    community.sources.forEach((source, i) => {
      if (!('webhook' in source)) return;
      const { key, secret } = source.webhook;
      const value = typeof secret === 'string' ? secret : env[secret.env];
      if (value) webhookSecrets.set(key, value);
      else problems.push(`communities.${communityKey}.sources.${i}.webhook.secret: environment variable ${typeof secret === 'string' ? '' : secret.env} is not set`);
    });
  }
  const { trackers, webhooks: outboundWebhooks } = resolveTrackerSecrets(config, env, problems);
  if (problems.length > 0) throw new ConfigError(origin, problems);
  return { config, webhookSecrets, trackers, outboundWebhooks };
}
