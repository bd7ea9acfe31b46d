import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` from the working directory into the environment. What the environment already says wins (a process
 * manager, the shell, `docker run -e`); a variable set but empty counts as unset, so `.env.example`'s blank lines
 * can be copied as they are. Returns the path read, or undefined when there is no `.env`.
 */
export function loadDotEnv(env: Record<string, string | undefined> = process.env, path = '.env'): string | undefined {
  if (!existsSync(path)) return undefined;
  const values = parseEnv(readFileSync(path, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if ((env[key] === undefined || env[key] === '') && value !== '') env[key] = value;
  }
  return path;
}
