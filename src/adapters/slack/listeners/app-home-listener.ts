import type { App } from '@slack/bolt';
import { listOpenRoutings } from '../../../core/list-open-routings.js';
import { appHomeView, HOME_ITEMS, type HomeWebLink } from '../app-home-view.js';
import type { SlackDeps } from '../slack-deps.js';

/** Opening the Home tab shows what the viewer's teams still owe, oldest first. Nothing is stored: it is a view. */
export function registerAppHomeListener(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    deps.work.run('publish app home', () => publishHome(deps, event.user));
  });
}

export async function publishHome(deps: SlackDeps, userId: string, web?: HomeWebLink): Promise<void> {
  const { ctx } = deps;
  const actor = await deps.directory.actor(userId);
  const { items, total } = await listOpenRoutings(ctx, { teams: actor.teams, limit: HOME_ITEMS });
  const linked = await Promise.all(items.map(async (item) => ({ ...item, cardLink: item.card?.platform === 'slack' ? await deps.messages.linkTo(item.card.channelId, item.card.messageId) : undefined })));
  const names = actor.teams.map((t) => ctx.config.teams[t]?.name ?? t);
  await deps.client.views.publish({ user_id: userId, view: appHomeView(linked, total, names, ctx.config.timezone, web) as never });
}
