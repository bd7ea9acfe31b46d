import type { SearchResult } from '../../../core/search-items.js';
import { categoryLabel } from '../../charts/chart-words.js';
import { dayLabel } from '../dossiers/dossier-parts.js';
import { PLATFORM_WORDS } from '../dossiers/member-page-body.js';
import { ItemHeadline, Pager, routingsWords } from '../item/listed-item-parts.js';

export interface SearchLinks { itemHref: (id: number) => string; memberHref: (id: number) => string; pageHref: (page: number) => string }

/** Search results: members whose name or ID matches, then items by their words or their speaker, newest first. */
export function searchPageBody(result: SearchResult, links: SearchLinks, tz: string) {
  const { items } = result;
  return (
    <div class="search">
      <header class="page-head">
        <h1>{result.q ? <>Search: “{result.q}”</> : 'Search'}</h1>
        <form class="scope" method="get" action="/search" role="search">
          <label>Words, a member’s name or ID, or an item number
            <input type="search" name="q" value={result.q} />
          </label>
          <button type="submit">Search</button>
        </form>
      </header>
      {result.q === '' ? <p>Type words from the feedback (“export crash”), a member’s name, or an item number (#42).</p> : (
        <>
          {result.unknownNumber !== undefined ? <p class="notice" role="status">There is no item #{result.unknownNumber} that you can see; here is what the words match.</p> : ''}
          {result.members.length > 0 ? (
            <section aria-labelledby="members-title">
              <h2 id="members-title">Members ({result.members.length})</h2>
              <ul class="members">
                {result.members.map((m) => (
                  <li><a href={links.memberHref(m.id)}>{m.name}</a> <span class="meta">· {m.identities.map((i) => `${PLATFORM_WORDS[i.platform] ?? i.platform} ${i.name}`).join(', ')} · {m.items} {m.items === 1 ? 'item' : 'items'}</span></li>
                ))}
              </ul>
            </section>
          ) : ''}
          <section aria-labelledby="items-title">
            <h2 id="items-title">Items ({items.capped ? `more than ${items.total}` : items.total})</h2>
            {items.list.length === 0 ? <p>No item matches.</p> : (
              <ol class="items">
                {items.list.map((item) => (
                  <li>
                    <ItemHeadline item={item} href={links.itemHref} />
                    <span class="meta"> · {item.community.name} · {categoryLabel(item.category)} · {dayLabel(item.capturedAt, tz)} · {routingsWords(item.routings)}</span>
                  </li>
                ))}
              </ol>
            )}
            <Pager page={items.page} pages={items.pages} href={links.pageHref} words={{ prev: 'Newer', next: 'Older' }} />
          </section>
        </>
      )}
    </div>
  );
}
