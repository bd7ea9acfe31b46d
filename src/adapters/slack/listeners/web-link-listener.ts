import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { signInLink } from '../../web-sign-in-link.js';
import { WEB_LINK_ACTION } from '../app-home-view.js';
import { link, slackDate } from '../mrkdwn.js';
import { tell, type SlackDeps } from '../slack-deps.js';
import { publishHome } from './app-home-listener.js';

/** A sign-in link for the Slack user who asked: bound to them, with the user groups Slack says they are in. */
export async function slackSignInLink(deps: SlackDeps, userId: string, knownName?: string) {
  const [name, groups] = await Promise.all([knownName ? Promise.resolve(knownName) : deps.directory.nameOf(userId), deps.directory.groupsOf(userId)]);
  return signInLink(deps.ctx, deps.publicUrl, { platform: 'slack', id: userId, name, groups });
}

/** `/liaison web` answers privately with a sign-in link. */
export async function tellWebLink(deps: SlackDeps, to: { user: string; userName?: string; channel?: string; responseUrl?: string }): Promise<void> {
  const answer = await slackSignInLink(deps, to.user, to.userName);
  if ('refused' in answer) return tell(deps, to, `:no_entry: ${answer.refused}`);
  const until = slackDate(answer.expiresAt, deps.ctx.config.timezone);
  await tell(deps, to, `:link: ${link(answer.url, 'Open Liaison’s web app')} — this sign-in link works once, until ${until}. It is only for you: do not share it.`);
}

/** The Home tab's "Open the web app" button: the link appears where the button was. */
export function registerWebLinkListener(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(WEB_LINK_ACTION, async ({ ack, body }) => {
    await ack();
    deps.work.run('app home web link', async () => publishHome(deps, body.user.id, await slackSignInLink(deps, body.user.id)));
  });
}
