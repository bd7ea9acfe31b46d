import { CATEGORIES } from '../../../config/schema.js';
import { AGE_CHOICES } from '../../../core/inbox/inbox-filter.js';
import type { Inbox, InboxRow } from '../../../core/list-inbox.js';
import { categoryLabel } from '../../charts/chart-words.js';
import { RoutingActions, type FormKit } from '../item/action-forms.js';
import { ago, SLA_LABEL, slaWords, statusLabel } from '../item/story-words.js';

export interface InboxLinks {
  itemHref: (id: number) => string;
  /** The same inbox, another page. */
  pageHref: (page: number) => string;
}

/** The team inbox: filters (a plain GET form), then each open routing with its SLA state and its card's actions. */
export function inboxPageBody(inbox: Inbox, links: InboxLinks, kit: FormKit, tz: string) {
  const { filter } = inbox;
  const narrowed = Boolean(filter.team || filter.community || filter.category || filter.status || filter.olderThanDays || filter.escalated);
  return (
    <div class="inbox">
      <header class="page-head">
        <h1>Inbox</h1>
        <p class="lede">{inbox.choices.teams.length === 1 ? `What ${inbox.choices.teams[0]?.name} still owes an answer on` : 'Open items of every team you see'}, the one most at risk first.</p>
      </header>
      <InboxFilterForm inbox={inbox} />
      <p class="count" role="status">{countWords(inbox)}{narrowed ? <> · <a href="/inbox">Clear filters</a></> : ''}</p>
      {inbox.rows.length === 0 ? <p class="empty">{inbox.choices.teams.length === 0 ? 'You are not in any team, so no routings are yours to answer.' : narrowed ? 'Nothing open matches these filters.' : 'Nothing is waiting for an answer. Well done.'}</p> : (
        <ol class="inbox-rows">{inbox.rows.map((row) => <InboxRowView row={row} links={links} kit={kit} tz={tz} now={inbox.now} />)}</ol>
      )}
      {inbox.pages > 1 ? (
        <nav class="pager" aria-label="Inbox pages">
          {inbox.page > 1 ? <a rel="prev" href={links.pageHref(inbox.page - 1)}>Previous page</a> : ''}
          <span>Page {inbox.page} of {inbox.pages}</span>
          {inbox.page < inbox.pages ? <a rel="next" href={links.pageHref(inbox.page + 1)}>Next page</a> : ''}
        </nav>
      ) : ''}
    </div>
  );
}

function countWords(inbox: Inbox): string {
  const n = inbox.total;
  return `${n} open ${n === 1 ? 'routing' : 'routings'}${inbox.pages > 1 ? `, ${inbox.filter.pageSize} a page` : ''}`;
}

function InboxRowView(props: { row: InboxRow; links: InboxLinks; kit: FormKit; tz: string; now: Date }) {
  const { row, links, tz, now } = props;
  const headline = row.title ? `${row.title}: ${row.excerpt}` : row.excerpt;
  return (
    <li class={`inbox-row sla-${row.sla.state}`}>
      <div class="row-main">
        <p class="row-badges">
          <span class={`sla-badge sla-${row.sla.state}`}>{SLA_LABEL[row.sla.state]}</span>
          <span class="status">{statusLabel(row.status)}</span>
          {row.priority !== 'normal' ? <span class={`priority priority-${row.priority}`}>Escalated · {row.priority}</span> : ''}
          {row.snoozeReason !== null && row.sla.snoozedUntil ? <span class="snoozed">Snoozed: {row.snoozeReason}</span> : ''}
        </p>
        <h2 class="row-title"><a href={links.itemHref(row.itemId)}><span class="item-number">#{row.itemId}</span> {headline}</a></h2>
        <p class="meta">
          <span>{row.team.name}</span> · <span>{row.community.name}</span> · <span>{categoryLabel(row.category)}</span> · <span>from {row.authorName}</span>{row.voices > 1 ? <> · <span>{row.voices} people said this</span></> : ''}
          {' · '}<span>routed {ago(row.routedAt, now)}</span>{row.owner ? <> · <span>owner {row.owner.name}</span></> : ''}{row.hops > 0 ? <> · <span>passed on {row.hops === 1 ? 'once' : `${row.hops} times`}</span></> : ''}
        </p>
        <p class="sla-line">{slaWords(row.sla, tz, now)}</p>
      </div>
      <RoutingActions routing={{ id: row.routingId, itemId: row.itemId, team: row.team, moves: row.moves }} kit={props.kit} compact />
    </li>
  );
}

function InboxFilterForm(props: { inbox: Inbox }) {
  const { filter, choices } = props.inbox;
  return (
    <form class="scope filters" method="get" action="/inbox" role="search" aria-label="Filter the inbox">
      <label>Team
        <select name="team"><option value="">{choices.teams.length === 1 ? choices.teams[0]?.name : 'Every team'}</option>{choices.teams.length > 1 ? choices.teams.map((t) => <option value={t.id} selected={t.id === filter.team}>{t.name}</option>) : ''}</select>
      </label>
      <label>Community
        <select name="community"><option value="">Every community</option>{choices.communities.map((c) => <option value={c.id} selected={c.id === filter.community}>{c.name}</option>)}</select>
      </label>
      <label>Category
        <select name="category"><option value="">Every category</option>{CATEGORIES.map((c) => <option value={c} selected={c === filter.category}>{categoryLabel(c)}</option>)}</select>
      </label>
      <label>Status
        <select name="status"><option value="">Open, acknowledged or owned</option>{(['open', 'acknowledged', 'owned'] as const).map((s) => <option value={s} selected={s === filter.status}>{statusLabel(s)}</option>)}</select>
      </label>
      <label>Waiting
        <select name="age"><option value="">Any time</option>{AGE_CHOICES.map((d) => <option value={String(d)} selected={d === filter.olderThanDays}>{d === 1 ? 'Over a day' : d === 7 ? 'Over a week' : d === 30 ? 'Over a month' : `Over ${d} days`}</option>)}</select>
      </label>
      <label>Escalation
        <select name="escalated"><option value="">Any</option><option value="yes" selected={filter.escalated === 'yes'}>Escalated only</option><option value="no" selected={filter.escalated === 'no'}>Not escalated</option></select>
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}
