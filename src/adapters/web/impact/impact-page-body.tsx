import type { ImpactReport, Outcomes, TeamImpact } from '../../../core/impact/build-impact.js';
import type { Figure } from '../../../core/impact/item-filter.js';
import { categoryLabel } from '../../charts/chart-words.js';
import { impactCharts } from '../../charts/impact-charts.js';
import { span } from '../../../delivery/digest-words.js';
import { asOfLabel, ChartFigure, changeWords, FigureLink, periodLabel, previousPeriodLabel, ScopeForm, share, shareBefore, standingLabel, Tile, type ItemsHref } from './impact-parts.js';

/** Durations as the digest writes them ("10 h 29 min"), so a page and a digest read the same. */
const duration = (ms: number | null) => (ms === null ? 'none' : span(ms));
const target = (ms: number | null) => (ms === null ? 'no target' : `target ${span(ms)}`);
/** "62% · 8 of 13", or "none due" when no target fell due. */
const inTime = (met: Figure, due: Figure, href: ItemsHref) => (due.value === 0 ? 'none due' : <>{share(met.value, due.value)} · <FigureLink figure={met} href={href} /> of <FigureLink figure={due} href={href} /></>);

/**
 * The Impact page's main content: what came in, what became of it, how fast each team answered against its
 * targets, and what fell between silos, for a period against the one before. Every number links to its items.
 */
export async function impactPageBody(report: ImpactReport, itemsHref: ItemsHref) {
  const charts = await impactCharts(report);
  const o = report.outcomes.current;
  const p = report.outcomes.previous;
  const silos = report.silos.current;
  const tz = report.period.timezone;
  const t = report.totals;
  return (
    <div class="impact">
      <header class="page-head">
        <h1>Impact</h1>
        <p class="period">{periodLabel(report.period)}{report.running ? <strong class="badge">Still running · as of {asOfLabel(report.asOf, tz)}</strong> : ''}</p>
        <p class="compare">Compared with {previousPeriodLabel(report.previousPeriod)}.{scopeWords(report)}</p>
        <ScopeForm period={report.period} team={report.scope.team} community={report.scope.community} choices={report.choices} />
      </header>

      <section aria-labelledby="headline-title">
        <h2 id="headline-title">At a glance</h2>
        <dl class="tiles">
          <Tile label="Items captured" note={changeWords(o.items.value, p.items.value)}><FigureLink figure={o.items} href={itemsHref} /></Tile>
          <Tile label="Resolved" note={`${share(o.resolved.value, o.items.value)} of items · ${shareBefore(p.resolved.value, p.items.value)}`}><FigureLink figure={o.resolved} href={itemsHref} /></Tile>
          <Tile label="Declined" note={`${share(o.declined.value, o.items.value)} of items`}><FigureLink figure={o.declined} href={itemsHref} /></Tile>
          <Tile label="Untouched" note={`${share(o.untouched.value, o.items.value)} of items: no team acted`}><FigureLink figure={o.untouched} href={itemsHref} /></Tile>
          <Tile label="Fell between silos" note={`${share(silos.fellBetween.value, silos.items.value)} of items · ${shareBefore(report.silos.previous.fellBetween.value, report.silos.previous.items.value)}`}><FigureLink figure={silos.fellBetween} href={itemsHref} /></Tile>
          <Tile label="First response in time" note={targetsWords(t)}>{t.acknowledgeDue === 0 ? 'none due' : share(t.acknowledgedInTime, t.acknowledgeDue)}</Tile>
        </dl>
      </section>

      <section aria-labelledby="volume-title">
        <h2 id="volume-title">What came in</h2>
        <ChartFigure chart={charts.volume} />
        <ChartFigure chart={charts.sentiment} />
        <WeekLinks report={report} itemsHref={itemsHref} />
      </section>

      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">What became of it</h2>
        <p class="note">Each item as it stood {standingLabel(report)}: resolved if any team resolved it, declined if every team that kept it declined it.</p>
        <ChartFigure chart={charts.outcomes} />
        <ChartFigure chart={charts.resolution} />
        <OutcomeTable rows={[['Every item', o], ['Sales leads', report.leads.salesLeads], ['Churn risks', report.leads.churnRisks]]} itemsHref={itemsHref} caption="Outcomes of the period’s items, with the sales leads and churn risks captured" />
      </section>

      <section aria-labelledby="teams-title">
        <h2 id="teams-title">What each team did</h2>
        <p class="note">Team assignments (routings): an item sent to two teams counts once for each. Times are business hours on each team’s calendar.</p>
        <ChartFigure chart={charts.teamSpeed} />
        <TeamTable teams={report.teams} itemsHref={itemsHref} />
        <TrackerTable teams={report.teams} itemsHref={itemsHref} />
        <p class="note">All teams: {t.received} {t.received === 1 ? 'assignment' : 'assignments'} received and {t.resolved} resolved; the period before, {t.previous.received} and {t.previous.resolved}.</p>
      </section>

      <section aria-labelledby="silos-title">
        <h2 id="silos-title">Where it fell between silos</h2>
        <ul class="silo-list">
          <li><FigureLink figure={silos.noAction} href={itemsHref} /> routed and never acted on</li>
          <li><FigureLink figure={silos.passedAround} href={itemsHref} /> passed from team to team twice or more</li>
          <li><FigureLink figure={silos.acknowledgedNotResolved} href={itemsHref} /> acknowledged and never resolved</li>
          <li><FigureLink figure={silos.untouchedPastSla} href={itemsHref} /> nobody answered before the first-response target passed</li>
        </ul>
        {report.handoffs.length > 0 ? <p>Hand-offs: {report.handoffs.map((h, i) => <>{i > 0 ? ', ' : ''}{name(report, h.from)} → {name(report, h.to)} <FigureLink figure={{ value: h.count, counts: 'routings', filter: h.filter }} href={itemsHref} label={`×${h.count}`} /></>)}</p> : <p>No team passed an item to another.</p>}
      </section>
    </div>
  );
}

/** The SLA tile's words: how many first-response and resolution targets fell due, and how many were met. */
function targetsWords(t: ImpactReport['totals']): string {
  const first = t.acknowledgeDue === 0 ? 'No first-response target fell due' : `${t.acknowledgedInTime} of ${t.acknowledgeDue} first-response targets met`;
  const resolution = t.resolveDue === 0 ? 'no resolution target fell due' : `${t.resolvedInTime} of ${t.resolveDue} resolution targets met (${share(t.resolvedInTime, t.resolveDue)})`;
  return `${first} · ${resolution}`;
}

const name = (report: ImpactReport, team: string) => report.choices.teams.find((t) => t.id === team)?.name ?? team;

function scopeWords(report: ImpactReport): string {
  const team = report.scope.team ? ` Items routed to ${name(report, report.scope.team)}` : '';
  const community = report.scope.community ? `${team ? ' from' : ' Items from'} ${report.choices.communities.find((c) => c.id === report.scope.community)?.name ?? report.scope.community}` : '';
  return team || community ? `${team}${community} only.` : '';
}

function WeekLinks(props: { report: ImpactReport; itemsHref: ItemsHref }) {
  const { report, itemsHref } = props;
  return (
    <table class="data">
      <caption>Items per week and category (each number lists its items)</caption>
      <thead><tr><th scope="col">Week</th>{report.volume.categories.map((c) => <th scope="col">{categoryLabel(c)}</th>)}<th scope="col">Total</th></tr></thead>
      <tbody>
        {report.volume.weeks.map((w) => (
          <tr><th scope="row">{w.week}</th>{report.volume.categories.map((c) => { const f = w.byCategory[c]; return <td>{f ? <FigureLink figure={f} href={itemsHref} /> : '0'}</td>; })}<td><FigureLink figure={w.total} href={itemsHref} /></td></tr>
        ))}
      </tbody>
    </table>
  );
}

function OutcomeTable(props: { rows: [string, Outcomes][]; itemsHref: ItemsHref; caption: string }) {
  const { itemsHref } = props;
  return (
    <table class="data">
      <caption>{props.caption}</caption>
      <thead><tr><th scope="col"></th><th scope="col">Items</th><th scope="col">Resolved</th><th scope="col">Declined</th><th scope="col">In progress</th><th scope="col">Untouched</th></tr></thead>
      <tbody>
        {props.rows.map(([label, o]) => (
          <tr>
            <th scope="row">{label}</th>
            <td><FigureLink figure={o.items} href={itemsHref} /></td>
            {[o.resolved, o.declined, o.inProgress, o.untouched].map((f) => <td><FigureLink figure={f} href={itemsHref} />{o.items.value > 0 ? <> <span class="share">{share(f.value, o.items.value)}</span></> : ''}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TeamTable(props: { teams: TeamImpact[]; itemsHref: ItemsHref }) {
  const { itemsHref } = props;
  return (
    <table class="data">
      <caption>Per team: assignments received and answered, median times against targets, SLA attainment</caption>
      <thead>
        <tr><th scope="col">Team</th><th scope="col">Received</th><th scope="col">Acknowledged</th><th scope="col">Resolved</th><th scope="col">Declined</th><th scope="col">Passed on</th><th scope="col">Median first response</th><th scope="col">Median resolution</th><th scope="col">First response in time</th><th scope="col">Resolved in time</th></tr>
      </thead>
      <tbody>
        {props.teams.map((t) => (
          <tr>
            <th scope="row">{t.name}</th>
            <td><FigureLink figure={t.received} href={itemsHref} /> <span class="share">was {t.previous.received}</span></td>
            <td><FigureLink figure={t.acknowledged} href={itemsHref} /></td>
            <td><FigureLink figure={t.resolved} href={itemsHref} /></td>
            <td><FigureLink figure={t.declined} href={itemsHref} /></td>
            <td><FigureLink figure={t.passedOn} href={itemsHref} /></td>
            <td><FigureLink figure={t.firstActions} href={itemsHref} label={duration(t.medianFirstActionMs)} /> <span class="share">{target(t.targets.acknowledgeMs)}</span></td>
            <td><FigureLink figure={t.resolutions} href={itemsHref} label={duration(t.medianResolutionMs)} /> <span class="share">{target(t.targets.resolveMs)}</span></td>
            <td>{inTime(t.attainment.acknowledgedInTime, t.attainment.acknowledgeDue, itemsHref)}</td>
            <td>{inTime(t.attainment.resolvedInTime, t.attainment.resolveDue, itemsHref)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Teams with a tracker: what became issues and how long feedback took to ship, as the digest says it. */
function TrackerTable(props: { teams: TeamImpact[]; itemsHref: ItemsHref }) {
  const { itemsHref } = props;
  const rows = props.teams.flatMap((t) => (t.tracker ? [{ name: t.name, ...t.tracker }] : []));
  if (rows.length === 0) return '';
  return (
    <table class="data">
      <caption>Through each team’s tracker: items that became issues (created or linked), and the time from the feedback being posted to its issue closed as done (wall-clock, not business hours)</caption>
      <thead><tr><th scope="col">Team</th><th scope="col">Became issues</th><th scope="col">Shipped</th><th scope="col">Median feedback to shipped</th></tr></thead>
      <tbody>
        {rows.map((t) => (
          <tr>
            <th scope="row">{t.name}</th>
            <td><FigureLink figure={t.issues} href={itemsHref} /></td>
            <td><FigureLink figure={t.shipped} href={itemsHref} /></td>
            <td>{t.medianToShippedMs === null ? 'nothing shipped' : <FigureLink figure={t.shipped} href={itemsHref} label={span(t.medianToShippedMs)} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
