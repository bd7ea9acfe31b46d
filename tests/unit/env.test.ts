import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { ConfigError } from '../../src/config/problems.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('the environment', () => {
  it('needs nothing at all: embedded database, port 3000, console delivery', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, LIAISON_DATA_DIR: '.liaison' });
    expect([env.DATABASE_URL, env.SLACK_BOT_TOKEN, env.DISCORD_TOKEN]).toEqual([undefined, undefined, undefined]);
  });

  it('names every malformed or missing variable at once', () => {
    expect(problems({ DATABASE_URL: 'mysql://x', PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-user-token', DISCORD_APPLICATION_ID: '42' })).toEqual([
      'DATABASE_URL: expected a postgres:// URL',
      'PORT: must be a number',
      'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-',
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set',
      'DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set',
    ]);
  });

  it('asks for the signing secret in HTTP mode but not in Socket Mode', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' })).toEqual(['SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN (Socket Mode) is set']);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-2' })).toEqual([]);
  });

  it('treats empty values as unset, as .env files often leave them', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '' });
    expect([env.DATABASE_URL, env.PORT]).toEqual([undefined, 3000]);
  });
});
