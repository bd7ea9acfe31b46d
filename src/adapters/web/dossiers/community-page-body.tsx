import type { CommunityDossier } from '../../../core/community-dossier.js';
import { CommunityFiguresSection, HistoryList, OpenItems, type DossierLinks } from './dossier-parts.js';
import { PLATFORM_WORDS } from './member-page-body.js';

/** A community's dossier: per quarter what it raised, which teams answered and how fast, what is still open, who spoke. */
export async function communityPageBody(dossier: CommunityDossier, links: DossierLinks & { impactHref: string }, tz: string) {
  const { community } = dossier;
  return (
    <div class="dossier community">
      <header class="page-head">
        <h1>{community.name}</h1>
        <p class="period">{dossier.history.totals.items} {dossier.history.totals.items === 1 ? 'item' : 'items'} since Liaison started listening · {community.sources} {community.sources === 1 ? 'source' : 'sources'}{community.ambassador ? ` · ambassador: ${PLATFORM_WORDS[community.ambassador.platform] ?? community.ambassador.platform} ${community.ambassador.id}` : ''}</p>
        <p class="compare"><a href={links.impactHref}>This community on the Impact page</a></p>
      </header>
      {dossier.figures ? <CommunityFiguresSection figures={dossier.figures} id="figures" heading="The last two years" /> : <p>Nothing raised in the last two years.</p>}
      <OpenItems open={dossier.open} itemHref={links.itemHref} tz={tz} />
      <section aria-labelledby="voices-title">
        <h2 id="voices-title">Who raised the most</h2>
        {dossier.voices.length === 0 ? <p>Nobody yet.</p> : <ol class="voices">{dossier.voices.map((v) => <li><a href={links.memberHref(v.id)}>{v.name}</a> <span class="meta">· {v.items} {v.items === 1 ? 'item' : 'items'}</span></li>)}</ol>}
      </section>
      <HistoryList items={dossier.history.items} total={dossier.history.totals.items} links={links} tz={tz} showAuthor />
    </div>
  );
}
