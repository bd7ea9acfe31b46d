import type { Command } from 'commander';
import type { LiaisonConfig } from '../config/schema.js';
import { publicUrl } from '../config/env.js';
import { userKey } from '../config/refs.js';
import { issueSignInToken } from '../core/issue-sign-in-token.js';
import { revokeSessions } from '../core/revoke-sessions.js';
import type { WebUser } from '../core/sessions/session-tokens.js';
import { consoleUserName } from './demo-serve.js';
import { command, openRuntime } from './runtime.js';
import { UserError } from './user-error.js';

/**
 * `maya` (a console user named in the config) or `slack:U0123` / `discord:1234`. The CLI cannot ask a platform for
 * someone's user groups or roles, so only memberships the config lists by user count for a link made here.
 */
export function webUserFromArgument(config: LiaisonConfig, argument: string): WebUser {
  const explicit = /^(slack|discord|console):(.+)$/.exec(argument);
  const [platform, id] = explicit ? [explicit[1] as WebUser['platform'], explicit[2] as string] : ['console' as const, argument];
  const named = configuredUsers(config).some((u) => u.platform === platform && u.id === id);
  if (!named) throw new UserError(`${argument} is not a user named in the config (teams.<team>.members.users or roles); give a console name like maya, or slack:<id> / discord:<id>.`);
  return { platform, id, name: platform === 'console' ? consoleUserName(id) : id };
}

function configuredUsers(config: LiaisonConfig) {
  const refs = [...Object.values(config.teams).map((t) => t.members), config.roles.communityManagers, config.roles.leadership];
  return refs.flatMap((m) => (m?.users ?? []).map(userKey));
}

export function registerWebAccess(program: Command): void {
  program
    .command('web-link')
    .argument('<user>', 'a console user named in the config (e.g. maya), or slack:<id> / discord:<id>')
    .description('print a one-time sign-in link to the web app for a configured user (valid 10 minutes, once)')
    .action(command(async (who: string) => {
      const runtime = await openRuntime();
      try {
        const issued = await issueSignInToken(runtime.ctx, webUserFromArgument(runtime.ctx.config, who));
        if (issued.status === 'refused') throw new UserError(`${who} has no team or role in the config, so the web app would show them nothing; no link made.`);
        process.stdout.write(`${publicUrl(runtime.env)}/sign-in/${issued.token}\n(valid 10 minutes, once)\n`);
      } finally {
        await runtime.database.shutdown();
      }
    }));
  const sessions = program.command('sessions').description('web app sessions');
  sessions
    .command('revoke')
    .argument('[user]', 'a console user (e.g. maya), or slack:<id> / discord:<id>')
    .option('--all', 'every session of every user')
    .description("end a user's web sessions now (or everyone's with --all); they see the sign-in page next")
    .action(command(async (who: string | undefined, options: { all?: boolean }) => {
      if (!who && !options.all) throw new UserError('Say whose sessions to revoke (a user, or --all).');
      const runtime = await openRuntime();
      try {
        const { revoked } = await revokeSessions(runtime.ctx, options.all ? { all: true } : { user: webUserFromArgument(runtime.ctx.config, who as string) });
        process.stdout.write(`${revoked} session${revoked === 1 ? '' : 's'} revoked.\n`);
      } finally {
        await runtime.database.shutdown();
      }
    }));
}
