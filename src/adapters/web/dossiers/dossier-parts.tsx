import { DateTime } from 'luxon';
import type { CommunityFigures } from '../../../core/dossier/relationship-figures.js';
import type { ListedItem } from '../../../core/impact/list-filtered-items.js';
import type { ItemView } from '../../../core/items/item-views.js';
import { excerpt } from '../../../core/inert-text.js';
import { categoryLabel } from '../../charts/chart-words.js';
import { dossierQuartersChart } from '../../charts/dossier-chart.js';
import { span } from '../../../delivery/digest-words.js';
import { outcomeWords } from '../../../delivery/history-words.js';
import { ChartFigure, share } from '../impact/impact-parts.js';

export interface DossierLinks { itemHref: (id: number) => string; memberHref: (id: number) => string; communityHref: (id: string) => string }

/** Durations as the digest and the Impact page write them; "none" when nothing was answered. */
const duration = (ms: number | null) => (ms === null ? 'none' : span(ms));
export const dayLabel = (at: Date, tz: string) => DateTime.fromJSDate(at, { zone: tz }).toFormat('d LLL yyyy');
const STATUS_WORDS: Record<string, string> = { open: 'waiting', acknowledged: 'acknowledged', owned: 'taken', resolved: 'resolved', declined: 'declined', passed_on: 'passed on' };

/** One community's figures: items per quarter (a chart and its table), and which teams answered and how fast. */
export async function CommunityFiguresSection(props: { figures: CommunityFigures; id: string; heading: string; communityHref?: string }) {
  const { figures: f } = props;
  const chart = await dossierQuartersChart(f, `${props.id}-quarters`);
  return (
    <section class="dossier-community" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.communityHref ? <a href={props.communityHref}>{props.heading}</a> : props.heading}</h2>
      <dl class="tiles">
        <div class="tile"><dt>Raised</dt><dd><span class="tile-value">{f.totals.raised}</span></dd></div>
        <div class="tile"><dt>Resolved</dt><dd><span class="tile-value">{f.totals.resolved}</span><span class="tile-note">{share(f.totals.resolved, f.totals.raised)} of items</span></dd></div>
        <div class="tile"><dt>Declined</dt><dd><span class="tile-value">{f.totals.declined}</span><span class="tile-note">{share(f.totals.declined, f.totals.raised)} of items</span></dd></div>
        <div class="tile"><dt>Still open</dt><dd><span class="tile-value">{f.totals.open}</span><span class="tile-note">a team holds them</span></dd></div>
      </dl>
      <ChartFigure chart={chart} />
      <TeamAnswersTable figures={f} />
    </section>
  );
}

function TeamAnswersTable(props: { figures: CommunityFigures }) {
  const { teams } = props.figures;
  if (teams.length === 0) return <p>No team has received these items.</p>;
  return (
    <table class="data">
      <caption>Which teams answered, and how fast (business hours on each team's calendar)</caption>
      <thead><tr><th scope="col">Team</th><th scope="col">Received</th><th scope="col">Answered</th><th scope="col">Resolved</th><th scope="col">Declined</th><th scope="col">Passed on</th><th scope="col">Still open</th><th scope="col">Median first response</th><th scope="col">Median resolution</th></tr></thead>
      <tbody>
        {teams.map((t) => (
          <tr><th scope="row">{t.name}</th><td>{t.routings}</td><td>{t.answered} <span class="share">{share(t.answered, t.routings)}</span></td><td>{t.resolved}</td><td>{t.declined}</td><td>{t.passedOn}</td><td>{t.open}</td><td>{duration(t.medianFirstActionMs)}</td><td>{duration(t.medianResolutionMs)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** Items still with a team, oldest first. */
export function OpenItems(props: { open: { total: number; items: ListedItem[] }; itemHref: (id: number) => string; tz: string }) {
  const { open } = props;
  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title">Still open <span class="count">({open.total})</span></h2>
      {open.items.length === 0 ? <p>Nothing is waiting on a team.</p> : (
        <ol class="items">
          {open.items.map((item) => (
            <li>
              <a href={props.itemHref(item.id)}>#{item.id}</a> <span class="excerpt">{item.title ? `${item.title}: ` : ''}{item.excerpt}</span>
              <span class="meta"> · {item.community.name} · {dayLabel(item.capturedAt, props.tz)} · {item.routings.map((r) => `${r.name} (${STATUS_WORDS[r.status] ?? r.status})`).join(', ')}</span>
            </li>
          ))}
        </ol>
      )}
      {open.total > open.items.length ? <p class="note">The oldest {open.items.length} are listed.</p> : ''}
    </section>
  );
}

/** Everything said, newest first, with where it stands. */
export function HistoryList(props: { items: ItemView[]; total: number; links: DossierLinks; tz: string; showAuthor?: boolean }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History <span class="count">({props.total} {props.total === 1 ? 'item' : 'items'}{props.items.length < props.total ? `, latest ${props.items.length} listed` : ''})</span></h2>
      {props.items.length === 0 ? <p>Nothing yet.</p> : (
        <table class="data history">
          <caption class="visually-hidden">Items, newest first</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">Captured</th>{props.showAuthor ? <th scope="col">From</th> : <th scope="col">Community</th>}<th scope="col">Category</th><th scope="col">Where it stands</th></tr></thead>
          <tbody>
            {props.items.map((item) => (
              <tr>
                <th scope="row"><a href={props.links.itemHref(item.id)}>#{item.id}</a> <span class="excerpt">{excerpt(item.title ? `${item.title}: ${item.text}` : item.text, 140)}</span></th>
                <td>{dayLabel(item.capturedAt, props.tz)}</td>
                <td>{props.showAuthor ? <a href={props.links.memberHref(item.author.memberId)}>{item.author.name}</a> : <a href={props.links.communityHref(item.community.id)}>{item.community.name}</a>}</td>
                <td>{categoryLabel(item.category)}</td>
                <td>{outcomeWords(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
