import type { FilteredItems, ListedItem } from '../../../core/impact/list-filtered-items.js';
import type { ItemFilter, RoutingEvent } from '../../../core/impact/item-filter.js';
import { categoryLabel, OUTCOME_LABEL } from '../../charts/chart-words.js';
import { ItemHeadline, Pager, routingsWords } from '../item/listed-item-parts.js';
import { periodLabel } from './impact-parts.js';
import { zonedDateTime } from '../../local-time.js';

const EVENT_WORDS: Record<RoutingEvent, string> = {
  received: 'received', acknowledged: 'acknowledged or taken', resolved: 'resolved', declined: 'declined', passed_on: 'passed on', snoozed: 'snoozed',
  first_action: 'first answered', resolution: 'resolved (timed)', acknowledge_due: 'due a first response', acknowledged_in_time: 'answered in time',
  acknowledge_missed: 'not answered in time', resolve_due: 'due a resolution', resolved_in_time: 'resolved in time', resolve_missed: 'not resolved in time',
  became_issue: 'given a tracker issue', shipped: 'shipped through the tracker',
};
const SILO_WORDS: Record<string, string> = { fell_between: 'fell between silos', no_action: 'never acted on', passed_around: 'passed around twice or more', acknowledged_not_resolved: 'acknowledged, never resolved', untouched_past_sla: 'untouched past their first-response target' };

/** What a filter selects, in words: "Items resolved by Support · Bug · Q4 2026". */
export function filterWords(filter: ItemFilter, names: { team: (id: string) => string; community: (id: string) => string }): string {
  const parts = [
    filter.routing ? `Items ${EVENT_WORDS[filter.routing] ?? filter.routing}${filter.team ? ` by ${names.team(filter.team)}` : ''}` : filter.from || filter.to ? `Items passed${filter.from ? ` from ${names.team(filter.from)}` : ''}${filter.to ? ` to ${names.team(filter.to)}` : ''}` : `Items captured${filter.team ? ` and routed to ${names.team(filter.team)}` : ''}`,
    filter.outcome ? OUTCOME_LABEL[filter.outcome === 'in_progress' ? 'inProgress' : filter.outcome] : undefined,
    filter.silo ? SILO_WORDS[filter.silo] : undefined,
    filter.category ? categoryLabel(filter.category) : undefined,
    filter.sentiment ? `${filter.sentiment} sentiment` : undefined,
    filter.week ? `week ${filter.week}` : undefined,
    filter.community ? `from ${names.community(filter.community)}` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The items behind a figure, a page at a time, oldest first. Every item counts in the figure; one the viewer may not
 * read (`maySee`: routed only to other teams) is listed by number and teams, without its text.
 */
export function itemListBody(list: FilteredItems, links: { itemHref: (id: number) => string; pageHref: (page: number) => string; maySee?: (item: ListedItem) => boolean }, names: { team: (id: string) => string; community: (id: string) => string }) {
  const tz = list.period.timezone;
  const assignments = list.total.routings !== list.total.items ? ` behind ${list.total.routings} ${list.filter.from || list.filter.to ? 'hand-offs' : 'team assignments'}` : '';
  return (
    <div class="item-list">
      <header class="page-head">
        <h1>{filterWords(list.filter, names)}</h1>
        <p class="period">{periodLabel(list.period)}</p>
        <p class="count">{list.total.items} {list.total.items === 1 ? 'item' : 'items'}{assignments}</p>
      </header>
      {list.items.length === 0 ? <p>No items.</p> : (
        <table class="data">
          <caption class="visually-hidden">Items, oldest first</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">Captured</th><th scope="col">Community</th><th scope="col">Category</th><th scope="col">Teams</th></tr></thead>
          <tbody>
            {list.items.map((item) => (
              <tr>
                <th scope="row">{links.maySee && !links.maySee(item) ? <>#{item.id} <span class="meta">routed to other teams: its text is for them, community managers and leadership</span></> : <ItemHeadline item={item} href={links.itemHref} />}</th>
                <td>{zonedDateTime(item.capturedAt, tz)}</td>
                <td>{item.community.name}</td>
                <td>{categoryLabel(item.category)}</td>
                <td>{routingsWords(item.routings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={list.page} pages={list.pages} href={links.pageHref} />
    </div>
  );
}
