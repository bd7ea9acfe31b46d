import type { Child } from 'hono/jsx';
import type { Viewer } from './web-env.js';
import { WEB_CSS_PATH } from './web-styles.js';

export type NavArea = 'impact' | 'silos' | 'inbox' | 'digests' | 'communities' | 'capture' | 'search' | 'account';

const NAV: { area: NavArea; label: string; href: string }[] = [
  { area: 'impact', label: 'Impact', href: '/' },
  { area: 'silos', label: 'Silos', href: '/silos' },
  { area: 'inbox', label: 'Inbox', href: '/inbox' },
  { area: 'digests', label: 'Digests', href: '/digests' },
  { area: 'communities', label: 'Communities', href: '/communities' },
];

/** The hidden form field that proves a post came from a page Liaison served to this session. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The frame of a page outside a session (sign-in, errors before sign-in): landmarks, no navigation. */
export function BarePage({ title, children }: { title: string; children: Child }) {
  return (
    <Document title={title}>
      <header class="site-header"><span class="brand">Liaison</span></header>
      <main id="main">{children}</main>
    </Document>
  );
}

/**
 * The frame of every signed-in page: a skip link, the site header with navigation, search and sign-out, the page's
 * main content, and a footer saying who is signed in with which roles.
 */
export function Page(props: { title: string; viewer: Viewer; csrfToken: string; active?: NavArea; q?: string; children: Child }) {
  const { viewer, active } = props;
  const nav = [...NAV, ...(viewer.mayCapture ? [{ area: 'capture' as const, label: 'Capture', href: '/capture' }] : [])];
  return (
    <Document title={props.title}>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <a class="brand" href="/">Liaison</a>
        <nav class="site-nav" aria-label="Main">
          <ul>
            {nav.map((n) => <li><a href={n.href} aria-current={n.area === active ? 'page' : undefined}>{n.label}</a></li>)}
          </ul>
        </nav>
        <form class="site-search" role="search" method="get" action="/search">
          <label for="site-search-q" class="visually-hidden">Search items</label>
          <input id="site-search-q" type="search" name="q" value={props.q ?? ''} placeholder="Text, member or #number" />
          <button type="submit">Search</button>
        </form>
        <div class="who">
          <a href="/account">{viewer.actor.name}</a>
          <form class="sign-out" method="post" action="/sign-out">
            <CsrfField token={props.csrfToken} />
            <button type="submit">Sign out</button>
          </form>
        </div>
      </header>
      <main id="main">{props.children}</main>
      <footer class="site-footer">Signed in as {viewer.actor.name} · {rolesLine(viewer)}</footer>
    </Document>
  );
}

/** "Product and Support · community manager": what the viewer may see follows from this. */
export function rolesLine(viewer: Viewer): string {
  const { actor, teamNames: teams } = viewer;
  const roles = [...(actor.isCommunityManager ? ['community manager'] : []), ...(actor.isLeadership ? ['leadership'] : [])];
  const parts = [...(teams.length > 0 ? [teams.join(', ')] : []), ...roles];
  return parts.length > 0 ? parts.join(' · ') : 'no team or role in Liaison';
}

function Document({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Liaison`}</title>
        <link rel="stylesheet" href={WEB_CSS_PATH} />
      </head>
      <body>{children}</body>
    </html>
  );
}
