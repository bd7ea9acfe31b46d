import { formatPath } from './problems.js';

type Env = Record<string, string | undefined>;

const isEnvRef = (value: unknown): value is { env: string } =>
  Boolean(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { env?: unknown }).env === 'string');

/**
 * Every `{ env: NAME }` secret in the file (webhook sources, trackers, outbound webhooks) whose variable is not set,
 * found in the raw file, so that check-config lists them together with the schema's problems, not one round later.
 */
export function missingSecretVariables(raw: unknown, env: Env): { path: (string | number)[]; problem: string }[] {
  const problems: { path: (string | number)[]; problem: string }[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (isEnvRef(value)) {
      if (!env[value.env]) problems.push({ path, problem: `${formatPath(path, raw)}: environment variable ${value.env} is not set` });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(raw, []);
  return problems;
}
