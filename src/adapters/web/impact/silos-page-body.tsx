import { DateTime } from 'luxon';
import type { SiloList, SilosReport } from '../../../core/impact/build-silos-report.js';
import { handoffHeatmap } from '../../charts/handoff-heatmap.js';
import { asOfLabel, ChartFigure, FigureLink, periodLabel, previousPeriodLabel, ScopeForm, share, type ItemsHref } from './impact-parts.js';

/**
 * The Silos page's main content: the hand-off matrix (a heatmap and the same matrix as a table whose every cell
 * opens its items), items passed around with their path in order, acknowledged and never resolved, untouched past
 * their first-response target.
 */
export async function silosPageBody(report: SilosReport, itemsHref: ItemsHref, itemHref: (id: number) => string) {
  const heatmap = await handoffHeatmap({ teams: report.handoffs.teams, cells: report.handoffs.cells }, 'page', periodLabel(report.period));
  const tz = report.period.timezone;
  const { teams, cells } = report.handoffs;
  return (
    <div class="silos">
      <header class="page-head">
        <h1>Silos</h1>
        <p class="period">{periodLabel(report.period)}{report.running ? <strong class="badge">Still running · as of {asOfLabel(report.asOf, tz)}</strong> : ''}</p>
        <p class="compare">
          <FigureLink figure={report.fellBetween.current} href={itemsHref} /> of <FigureLink figure={report.items} href={itemsHref} /> items ({share(report.fellBetween.current.value, report.items.value)}) fell between silos;
          in the period before ({previousPeriodLabel(report.previousPeriod)}), <FigureLink figure={report.fellBetween.previous} href={itemsHref} />.
        </p>
        <ScopeForm period={report.period} team={report.scope.team} community={report.scope.community} choices={report.choices} />
      </header>
      <section aria-labelledby="handoffs-title">
        <h2 id="handoffs-title">Who handed what to whom</h2>
        {cells.length === 0 ? <p>No team passed an item to another in this period.</p> : (
          <>
            <ChartFigure chart={heatmap} />
            <table class="data matrix">
              <caption>Hand-offs from team (rows) to team (columns); each number lists its items</caption>
              <thead><tr><th scope="col">From \ to</th>{teams.map((t) => <th scope="col">{t.name}</th>)}</tr></thead>
              <tbody>
                {teams.map((from) => (
                  <tr><th scope="row">{from.name}</th>{teams.map((to) => {
                    const cell = cells.find((c) => c.from === from.id && c.to === to.id);
                    return <td>{from.id === to.id ? '–' : cell ? <FigureLink figure={{ value: cell.count, counts: 'routings', filter: cell.filter }} href={itemsHref} /> : '0'}</td>;
                  })}</tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <SiloSection id="passed" title="Passed around twice or more" list={report.passedAround} itemsHref={itemsHref} itemHref={itemHref} tz={tz} showPath />
      <SiloSection id="acknowledged" title="Acknowledged, never resolved" list={report.acknowledgedNotResolved} itemsHref={itemsHref} itemHref={itemHref} tz={tz} />
      <SiloSection id="untouched" title="Untouched past their first-response target" list={report.untouchedPastSla} itemsHref={itemsHref} itemHref={itemHref} tz={tz} />
      <SiloSection id="no-action" title="Routed and never acted on" list={report.noAction} itemsHref={itemsHref} itemHref={itemHref} tz={tz} />
    </div>
  );
}

function SiloSection(props: { id: string; title: string; list: SiloList; itemsHref: ItemsHref; itemHref: (id: number) => string; tz: string; showPath?: boolean }) {
  const { list } = props;
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title} <span class="count">(<FigureLink figure={list.total} href={props.itemsHref} />)</span></h2>
      {list.items.length === 0 ? <p>None.</p> : (
        <ol class="items">
          {list.items.map((item) => (
            <li>
              <a href={props.itemHref(item.id)}>#{item.id}</a> <span class="excerpt">{item.title ? `${item.title}: ` : ''}{item.excerpt}</span>
              <span class="meta"> · {item.community.name} · {DateTime.fromJSDate(item.capturedAt, { zone: props.tz }).toFormat('d LLL')}</span>
              {props.showPath && item.path && item.path.length > 0 ? <p class="path" aria-label={`Path: ${item.path.join(', then ')}`}>{item.path.join(' → ')}</p> : <span class="meta"> · {item.routings.map((r) => r.name).join(', ')}</span>}
            </li>
          ))}
        </ol>
      )}
      {list.total.value > list.items.length ? <p><a href={props.itemsHref(list.total.filter)}>All {list.total.value} items</a></p> : ''}
    </section>
  );
}
