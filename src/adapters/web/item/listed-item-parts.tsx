/** What lists of items (the items behind a figure, search results) show of each one, and how they page. */
export interface ListedItemFacts {
  id: number;
  title: string | null;
  excerpt: string;
  routings: { name: string; status: string }[];
}

/** "#12 Export crashes: The export stops after…", the number opening the item. */
export function ItemHeadline(props: { item: ListedItemFacts; href: (id: number) => string }) {
  const { item } = props;
  return <><a href={props.href(item.id)}>#{item.id}</a> <span class="excerpt">{item.title ? `${item.title}: ` : ''}{item.excerpt}</span></>;
}

/** "Support (acknowledged), Product (passed on)", or "not routed". */
export function routingsWords(routings: ListedItemFacts['routings']): string {
  return routings.map((r) => `${r.name} (${r.status.replace(/_/g, ' ')})`).join(', ') || 'not routed';
}

/** Previous and next pages of a list, with where the reader is; nothing when it fits on one page. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string; words?: { prev: string; next: string } }) {
  const { page, pages } = props;
  if (pages <= 1) return '';
  const words = props.words ?? { prev: 'Previous', next: 'Next' };
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a rel="prev" href={props.href(page - 1)}>{words.prev}</a> : ''}
      <span>Page {page} of {pages}</span>
      {page < pages ? <a rel="next" href={props.href(page + 1)}>{words.next}</a> : ''}
    </nav>
  );
}
