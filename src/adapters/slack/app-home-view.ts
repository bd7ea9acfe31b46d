import { excerpt } from '../../core/inert-text.js';
import type { OpenRouting } from '../../core/list-open-routings.js';
import { STATUS_LABEL } from '../../delivery/verb-words.js';
import { assertHome, type Block, type HomeView } from './block-kit-limits.js';
import { button, context, divider, header, section } from './blocks.js';
import { escapeMrkdwn, link, slackDate, userText } from './mrkdwn.js';

const BADGE = { breached: ':red_circle: overdue', at_risk: ':large_orange_circle: at risk', on_track: ':large_green_circle: on track', none: ':white_circle: no SLA' } as const;
/** Blocks per item, and the most items that fit in the 100 blocks a Home tab allows with its header. */
const PER_ITEM = 2;
export const HOME_ITEMS = 45;

export interface HomeItem extends OpenRouting { cardLink?: string }

/** The button that asks for a sign-in link; its answer replaces the button's row with the link. */
export const WEB_LINK_ACTION = 'web:link';
export type HomeWebLink = { url: string; expiresAt: Date } | { refused: string };

/** The viewer's teams' open items, oldest first, with where each stands against its SLA; the web app one press away. */
export function appHomeView(items: HomeItem[], total: number, teamNames: string[], timezone: string, web?: HomeWebLink): HomeView {
  const blocks: Block[] = [header('Open feedback for your teams'), webBlock(web, timezone)];
  if (teamNames.length === 0) {
    blocks.push(section('You are not in any team\'s user group, so there is nothing waiting for you here. `/liaison help` lists what you can do.'));
    return assertHome({ type: 'home', blocks });
  }
  const breached = items.filter((i) => i.sla.state === 'breached').length;
  blocks.push(context(`${escapeMrkdwn(teamNames.join(', '))} · ${total} open${breached ? ` · ${breached} overdue` : ''} · oldest first`), divider());
  if (items.length === 0) blocks.push(section(':tada: Nothing open. Every item has an answer.'));
  for (const item of items.slice(0, HOME_ITEMS)) {
    const due = item.sla.dueAt ? ` · ${item.sla.target} by ${slackDate(item.sla.dueAt, timezone)}` : '';
    const priority = item.priority === 'normal' ? '' : ` · *${item.priority}*`;
    blocks.push(
      section(`${BADGE[item.sla.state]} *${link(item.cardLink, `#${item.itemId}`)}* for ${escapeMrkdwn(item.team.name)} · ${STATUS_LABEL[item.status]}${priority}${due}\n${userText(excerpt(item.text, 200))}`),
      context(`routed ${slackDate(item.createdAt, timezone)}`, link(item.permalink, 'original')),
    );
  }
  if (total > HOME_ITEMS) blocks.push(context(`…and ${total - HOME_ITEMS} more, newer ones.`));
  return assertHome({ type: 'home', blocks: blocks.slice(0, 2 + 2 + HOME_ITEMS * PER_ITEM + 1) });
}

function webBlock(web: HomeWebLink | undefined, timezone: string): Block {
  if (web && 'url' in web) return section(`:link: ${link(web.url, 'Open the web app')} — your sign-in link works once, until ${slackDate(web.expiresAt, timezone)}. It is only for you: do not share it.`);
  if (web) return section(`:no_entry: ${escapeMrkdwn(web.refused)}`);
  return { type: 'actions', elements: [button('Open the web app', WEB_LINK_ACTION, 'open', 'primary')] };
}
