import type { ItemFilter } from '../../core/impact/item-filter.js';

/** Where each thing lives in the web app: pages link through these, so a URL changes in one place. */
export const webLinks = {
  item: (id: number) => `/items/${id}`,
  inbox: (team?: string) => withQuery('/inbox', { team }),
  items: (filter: ItemFilter, page?: number) => `/items?${new URLSearchParams({ ...(filter as Record<string, string>), ...(page && page > 1 ? { page: String(page) } : {}) }).toString()}`,
  member: (id: number) => `/members/${id}`,
  community: (id: string) => `/communities/${encodeURIComponent(id)}`,
  impact: (query: Record<string, string | undefined> = {}) => withQuery('/', query),
  silos: (query: Record<string, string | undefined> = {}) => withQuery('/silos', query),
  search: (q: string, page?: number) => withQuery('/search', { q, page: page && page > 1 ? String(page) : undefined }),
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
