import { z } from 'zod';
import { friendlyIssue } from './friendly-issue.js';
import { ConfigError, describeIssues } from './problems.js';

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

export const Env = z
  .object({
    DATABASE_URL: z.preprocess(blankIsUnset, z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional()),
    LIAISON_DATA_DIR: z.preprocess(blankIsUnset, z.string().default('.liaison')),
    LIAISON_CONFIG: z.preprocess(blankIsUnset, z.string().optional()),
    PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).default(3000)),
    HOST: z.preprocess(blankIsUnset, z.string().regex(/^[0-9A-Za-z.:[\]-]+$/, 'expected an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::').default('0.0.0.0')),
    METRICS_TOKEN: z.preprocess(blankIsUnset, z.string().min(16, 'expected at least 16 characters (a random token; `openssl rand -hex 24` makes one)').optional()),
    LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    SLACK_BOT_TOKEN: z.preprocess(blankIsUnset, z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: z.preprocess(blankIsUnset, z.string().min(8, 'expected the signing secret from the Slack app page').optional()),
    SLACK_APP_TOKEN: z.preprocess(blankIsUnset, z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional()),
    SLACK_API_URL: z.preprocess(blankIsUnset, z.url({ error: 'expected a URL such as https://slack.com/api/' }).optional()),
    DISCORD_TOKEN: z.preprocess(blankIsUnset, z.string().min(20, 'expected the bot token from the Discord developer portal').optional()),
    DISCORD_APPLICATION_ID: z.preprocess(blankIsUnset, z.string().regex(/^\d+$/, 'expected the numeric application ID').optional()),
    LIAISON_PUBLIC_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/, error: 'expected the http(s) address people reach Liaison at, such as https://liaison.example.com' }).optional()),
    DISCORD_API_URL: z.preprocess(blankIsUnset, z.url({ error: 'expected a URL such as https://discord.com/api' }).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set' });
    }
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'required when other SLACK_ variables are set' });
    }
    if (env.DISCORD_APPLICATION_ID && !env.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'required when DISCORD_APPLICATION_ID is set' });
    }
    // Runs even when a variable above is malformed, so that every problem is listed at once.
  }, { when: () => true });
export type Env = z.infer<typeof Env>;


export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = Env.safeParse(source, { error: friendlyIssue });
  if (!result.success) throw new ConfigError('The environment', describeIssues(result.error.issues, { raw: source, schema: Env }));
  return result.data;
}

/** The base of links to the web app (in chat messages and images): LIAISON_PUBLIC_URL, or this machine's port. */
export function publicUrl(env: Partial<Pick<Env, 'LIAISON_PUBLIC_URL' | 'PORT'>>): string {
  return (env.LIAISON_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}

export function slackEnabled(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN);
}
export function discordEnabled(env: Env): boolean {
  return Boolean(env.DISCORD_TOKEN);
}
