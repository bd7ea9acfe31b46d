import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { Period } from '../../../core/digest/period.js';
import type { Figure, ItemFilter } from '../../../core/impact/item-filter.js';
import { periodLabel, periodName, previousPeriodLabel } from '../../charts/period-words.js';
import type { Chart } from '../../charts/render-svg.js';
import { zonedDateTime } from '../../local-time.js';

/** Builds the link to the list of items behind a figure; the web app's routes decide the URL. */
export type ItemsHref = (filter: ItemFilter) => string;

const day = (at: Date, tz: string, format = 'd LLL yyyy') => DateTime.fromJSDate(at, { zone: tz }).toFormat(format);

export { periodLabel, previousPeriodLabel };

export const asOfLabel = (asOf: Date, tz: string) => zonedDateTime(asOf, tz);
/** When a report's figures stand: "as of 1 Dec 2026, 17:45" for a running period, else "at the end of 29 Nov 2026". */
export const standingLabel = (report: { running: boolean; asOf: Date; period: Pick<Period, 'timezone'> }) => (report.running ? `as of ${asOfLabel(report.asOf, report.period.timezone)}` : `at the end of ${day(new Date(report.asOf.getTime() - 1), report.period.timezone)}`);
export const share = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)}%`);
export const change = (now: number, before: number) => (now === before ? 'no change' : now > before ? `+${now - before}` : `${now - before}`);
/** A count against the period before, in words: "54 more than the period before (0)". */
export const changeWords = (now: number, before: number) => (now === before ? `as many as the period before` : `${Math.abs(now - before)} ${now > before ? 'more' : 'fewer'} than the period before (${before})`);
/** The period before's share, or why it has none. */
export const shareBefore = (n: number, of: number) => (of === 0 ? 'the period before had no items' : `was ${share(n, of)}`);

/** A number that opens the items behind it. */
export function FigureLink(props: { figure: Figure; href: ItemsHref; label?: string }) {
  const { figure, href } = props;
  const unit = figure.counts === 'items' ? (figure.value === 1 ? 'item' : 'items') : figure.value === 1 ? 'team assignment' : 'team assignments';
  return <a class="figure-link" href={href(figure.filter)} aria-label={`${props.label ?? figure.value}: list the ${figure.value} ${unit}`}>{props.label ?? String(figure.value)}</a>;
}

/** A headline number with its label and a comparison. */
export function Tile(props: { label: string; children: Child; note?: string }) {
  return (
    <div class="tile">
      <dt>{props.label}</dt>
      <dd><span class="tile-value">{props.children}</span>{props.note ? <span class="tile-note">{props.note}</span> : ''}</dd>
    </div>
  );
}

/**
 * A chart with its title, description and the table of its numbers. The SVG is Vega's own output, built from our
 * figures (Vega escapes every text it draws), never from outside text. The table repeats it for screen readers
 * (visually hidden unless `showTable`; hidden from sight, not from assistive technology).
 */
export function ChartFigure(props: { chart: Chart; showTable?: boolean }) {
  const { chart } = props;
  return (
    <figure class="chart" aria-labelledby={`${chart.id}-title`} aria-describedby={`${chart.id}-desc`}>
      <figcaption>
        <h3 id={`${chart.id}-title`}>{chart.title}</h3>
        <p id={`${chart.id}-desc`} class="chart-description">{chart.description}</p>
      </figcaption>
      <div class="chart-image" aria-hidden="true">{raw(chart.svg)}</div>
      <table class={props.showTable ? 'chart-table' : 'chart-table visually-hidden'}>
        <caption>{chart.table.caption}</caption>
        <thead><tr>{chart.table.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
        <tbody>{chart.table.rows.map((row) => <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>)}</tbody>
      </table>
    </figure>
  );
}

/**
 * The period and scope form: a plain GET form, so it works without JavaScript. A period is a preset or the period
 * shown; a custom range (both days given) wins over the preset. Page routes read `from`/`to` as `from..to`.
 */
export function ScopeForm(props: { period: Pick<Period, 'key' | 'kind' | 'start' | 'end' | 'timezone'>; team?: string; community?: string; choices: { teams: { id: string; name: string }[]; communities: { id: string; name: string }[] } }) {
  const { choices, period } = props;
  const presets = [['week', 'This week'], ['last-week', 'Last week'], ['month', 'This month'], ['last-month', 'Last month'], ['quarter', 'This quarter'], ['last-quarter', 'Last quarter']];
  const range = period.kind === 'range' ? { from: day(new Date(period.start), period.timezone, 'yyyy-LL-dd'), to: day(new Date(new Date(period.end).getTime() - 1), period.timezone, 'yyyy-LL-dd') } : { from: '', to: '' };
  return (
    <form class="scope" method="get">
      <label>Period
        <select name="period">
          <option value={period.key} selected>{periodName(period)} (shown)</option>
          {presets.map(([value, label]) => <option value={value}>{label}</option>)}
        </select>
      </label>
      <fieldset class="range">
        <legend>or a custom range</legend>
        <label>From <input type="date" name="from" value={range.from} /></label>
        <label>To <input type="date" name="to" value={range.to} /></label>
      </fieldset>
      <label>Team
        <select name="team"><option value="">Every team</option>{choices.teams.map((t) => <option value={t.id} selected={t.id === props.team}>{t.name}</option>)}</select>
      </label>
      <label>Community
        <select name="community"><option value="">Every community</option>{choices.communities.map((c) => <option value={c.id} selected={c.id === props.community}>{c.name}</option>)}</select>
      </label>
      <button type="submit">Show</button>
      <p class="help">Each period is compared with the one just before it. A range is at most two years. A link can name the period too, with <code>period=</code> and a week (2026-W47), month (2026-11), quarter (2026-Q4) or range (2026-10-01..2026-12-31).</p>
    </form>
  );
}
