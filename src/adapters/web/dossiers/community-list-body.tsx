import type { CommunitySummary } from '../../../core/list-communities.js';
import { dayLabel } from './dossier-parts.js';

/** The communities Liaison listens to, each opening its dossier. */
export function communityListBody(communities: CommunitySummary[], communityHref: (id: string) => string, tz: string) {
  return (
    <div class="dossier">
      <header class="page-head"><h1>Communities</h1></header>
      <table class="data">
        <caption class="visually-hidden">Communities</caption>
        <thead><tr><th scope="col">Community</th><th scope="col">Items raised</th><th scope="col">Still open</th><th scope="col">Last heard from</th></tr></thead>
        <tbody>
          {communities.map((c) => <tr><th scope="row"><a href={communityHref(c.id)}>{c.name}</a></th><td>{c.items}</td><td>{c.open}</td><td>{c.lastCapturedAt ? dayLabel(c.lastCapturedAt, tz) : 'never'}</td></tr>)}
        </tbody>
      </table>
    </div>
  );
}
