import { raw } from 'hono/html';
import type { DigestArchive, PublishedDigest, PublishedSilosPart, PublishedTeamPart } from '../../../core/impact/list-published-digests.js';
import { excerpt } from '../../../core/inert-text.js';
import { digestChartAlt, digestChartSvg } from '../../charts/digest-chart-image.js';
import { periodNoun, span } from '../../../delivery/digest-words.js';
import { share } from './impact-parts.js';
import { zonedDateTime } from '../../local-time.js';

/** "(the week before: 9)", as the digest says it in chat. */
const before = (period: string, value: number | string) => `(the ${periodNoun(period)} before: ${value})`;
const duration = (ms: number | null | undefined, period: string) => (ms === null || ms === undefined ? `none this ${periodNoun(period)}` : span(ms));
/** "3 of 4 in time (75%)", or "none due". */
const inTime = (met: number, due: number) => (due === 0 ? 'none due' : `${met} of ${due} in time (${share(met, due)})`);
const STATE_WORDS = { posted: 'Posted', posting: 'Being posted', failed: 'Not all of it could be posted', preview: 'Preview' } as const;

/**
 * Every digest Liaison posted, newest first, each drawn as its thread reads in chat (summary, one reply per team,
 * what fell between silos, the image), and the running week first as a clearly marked preview.
 */
export async function digestArchiveBody(archive: DigestArchive, links: { itemHref: (id: number) => string; pageHref: (page: number, team?: string) => string; impactHref?: (period: string) => string }, timezone: string) {
  const charts = new Map<string, string>();
  for (const d of archive.digests) if (d.chart) charts.set(d.key, await digestChartSvg(d.chart));
  const teamName = (id: string) => archive.teams.find((t) => t.id === id)?.name ?? id;
  return (
    <div class="digests">
      <header class="page-head">
        <h1>Digests</h1>
        <form class="scope" method="get">
          <label>Show
            <select name="team"><option value="">Every digest</option>{archive.teams.map((t) => <option value={t.id} selected={t.id === archive.team}>{t.name} and leadership</option>)}</select>
          </label>
          <button type="submit">Show</button>
        </form>
      </header>
      <section class="digest preview" aria-labelledby="preview-title">
        <h2 id="preview-title"><span class="badge">Preview · not posted</span> This week so far ({archive.preview.period})</h2>
        <p class="note">As the digest would read if it were posted now; the week is still running.</p>
        <DigestThread digest={archive.preview} itemHref={links.itemHref} timezone={timezone} teamName={teamName} />
      </section>
      {archive.digests.length === 0 ? <p>No digest has been posted yet.</p> : archive.digests.map((d) => (
        <article class="digest" aria-labelledby={`d-${d.key.replace(/[^a-z0-9-]/gi, '-')}`}>
          <h2 id={`d-${d.key.replace(/[^a-z0-9-]/gi, '-')}`}>{d.audience === 'leadership' ? 'Leadership digest' : `${teamName(d.team ?? '')} team digest`} · {d.period}</h2>
          <p class="meta">{STATE_WORDS[d.state]} {zonedDateTime(d.publishedAt, timezone)}</p>
          <DigestThread digest={d} itemHref={links.itemHref} timezone={timezone} teamName={teamName} chartSvg={charts.get(d.key)} impactHref={links.impactHref} />
        </article>
      ))}
      {archive.pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {archive.page > 1 ? <a rel="prev" href={links.pageHref(archive.page - 1, archive.team)}>Newer</a> : ''}
          {archive.page < archive.pages ? <a rel="next" href={links.pageHref(archive.page + 1, archive.team)}>Older</a> : ''}
        </nav>
      ) : ''}
    </div>
  );
}

function DigestThread(props: { digest: PublishedDigest; itemHref: (id: number) => string; timezone: string; teamName: (id: string) => string; chartSvg?: string; impactHref?: (period: string) => string }) {
  const { digest: d } = props;
  const s = d.summary;
  return (
    <div class="thread">
      {s ? (
        <div class="message summary">
          <h3>{s.organisation} feedback digest · {s.period.key}</h3>
          <dl class="fields">
            <div><dt>Received</dt><dd>{s.totals.current.received} {before(s.period.key, s.totals.previous.received)}</dd></div>
            <div><dt>Acknowledged</dt><dd>{s.totals.current.acknowledged}</dd></div>
            <div><dt>Resolved</dt><dd>{s.totals.current.resolved} {before(s.period.key, s.totals.previous.resolved)}</dd></div>
            <div><dt>Declined</dt><dd>{s.totals.current.declined}</dd></div>
            <div><dt>Passed on</dt><dd>{s.totals.current.passedOn}</dd></div>
            <div><dt>Targets missed</dt><dd>{s.totals.current.breaches.acknowledge} first response · {s.totals.current.breaches.resolve} resolution</dd></div>
          </dl>
          <p>Fell between silos: {s.silos.noAction} nobody acted on · {s.silos.passedAround} passed around · {s.silos.acknowledgedNotResolved} acknowledged but not resolved</p>
          {s.handoffs.length > 0 ? <p class="meta">Hand-offs: {s.handoffs.map((h) => `${props.teamName(h.from)} → ${props.teamName(h.to)} ×${h.count}`).join(', ')}</p> : ''}
        </div>
      ) : ''}
      <div class="replies">
        {d.teams.map((t) => <TeamReply part={t} itemHref={props.itemHref} />)}
        {d.silos ? <SilosReply part={d.silos} itemHref={props.itemHref} /> : ''}
        {d.chart && props.chartSvg ? (
          <figure class="message chart" aria-label={digestChartAlt(d.chart)}>
            <div aria-hidden="true">{raw(props.chartSvg)}</div>
            <figcaption>{digestChartAlt(d.chart)}{props.impactHref ? <> <a href={props.impactHref(d.chart.range)}>Open these weeks on the Impact page</a></> : ''}</figcaption>
          </figure>
        ) : ''}
      </div>
    </div>
  );
}

function TeamReply(props: { part: PublishedTeamPart; itemHref: (id: number) => string }) {
  const { part: t } = props;
  const m = t.metrics;
  const a = m.attainment;
  return (
    <div class="message">
      <h4>{t.name} · {t.period}</h4>
      <p>Received <strong>{m.received}</strong> {before(t.period, t.previous.received)} · acknowledged or taken {m.acknowledged} · resolved <strong>{m.resolved}</strong> · declined {m.declined} · passed on {m.passedOn}</p>
      <p>Median first response {duration(m.medianFirstActionMs, t.period)} {before(t.period, t.previous.medianFirstActionMs == null ? 'none' : span(t.previous.medianFirstActionMs))} · median resolution {duration(m.medianResolutionMs, t.period)} · business hours</p>
      {a ? <p>Targets: first response {inTime(a.acknowledgedInTime, a.acknowledgeDue)} · resolution {inTime(a.resolvedInTime, a.resolveDue)}</p> : ''}
      {t.breaches.length > 0 ? (
        <ul>{t.breaches.map((b) => <li><a href={props.itemHref(b.itemId)}>#{b.itemId}</a> missed its {b.target === 'acknowledge' ? 'first-response' : 'resolution'} target by {span(b.lateByMs)} of business time{b.ladder === 'leadership' ? ' · escalated to leadership' : ''}: {excerpt(b.text, 100)}</li>)}</ul>
      ) : ''}
    </div>
  );
}

function SilosReply(props: { part: PublishedSilosPart; itemHref: (id: number) => string }) {
  const { part: s } = props;
  const list = (title: string, items: PublishedSilosPart['noAction'], count: number) => count === 0 ? '' : (
    <>
      <p><strong>{title}</strong> ({count}{items.length < count ? `, oldest ${items.length} listed` : ''})</p>
      <ul>{items.map((i) => <li><a href={props.itemHref(i.itemId)}>#{i.itemId}</a> {excerpt(i.text, 90)} — {i.teams.join(', ')}{i.hops >= 2 ? ` · ${i.hops} hand-offs` : ''}</li>)}</ul>
    </>
  );
  const empty = s.counts.noAction + s.counts.passedAround + s.counts.acknowledgedNotResolved === 0;
  return (
    <div class="message">
      <h4>Fell between silos · {s.period}</h4>
      {empty ? <p>Nothing: every item got an answer.</p> : <>{list('Nobody acted', s.noAction, s.counts.noAction)}{list('Passed around', s.passedAround, s.counts.passedAround)}{list('Acknowledged, never resolved', s.acknowledgedNotResolved, s.counts.acknowledgedNotResolved)}</>}
    </div>
  );
}
