import { IMPACT_CSS } from './impact/impact-styles.js';
import { INBOX_CSS } from './inbox/inbox-styles.js';

/** The layout's styles; each area's body styles are appended. Served as one file: the CSP allows no inline styles. */
const LAYOUT_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f7f8fa; }
body { margin: 0; line-height: 1.45; }
a { color: #15528a; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* On a phone a wide table scrolls within itself instead of pushing the whole page (and its header) sideways. */
@media (max-width: 48rem) { main table { display: block; max-width: 100%; overflow-x: auto; } }
.skip-link { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: #fff; z-index: 10; }
.skip-link:focus { left: .5rem; }
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem 1.5rem; padding: .6rem 1.5rem; background: #16324f; color: #fff; }
.site-header a { color: #fff; }
.brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; list-style: none; }
.site-nav a { display: block; padding: .35rem .7rem; border-radius: .3rem; text-decoration: none; }
.site-nav a:hover { background: #24496f; }
.site-nav a[aria-current="page"] { background: #fff; color: #16324f; font-weight: 600; }
.site-search { display: flex; gap: .3rem; margin-left: auto; }
.site-search input { font: inherit; padding: .3rem .5rem; border: 1px solid #8a96a3; border-radius: .3rem; min-width: 14rem; }
.site-search button, .sign-out button, .button { font: inherit; padding: .35rem .9rem; border: 1px solid #fff; border-radius: .3rem; background: transparent; color: #fff; cursor: pointer; }
.who { display: flex; align-items: center; gap: .6rem; font-size: .9rem; }
.sign-out { margin: 0; }
main { max-width: 76rem; margin: 0 auto; padding: 1.5rem; }
.site-footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: #4a4a4a; font-size: .85rem; }
.notice { max-width: 40rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #d5dbe3; border-radius: .5rem; }
.notice h1 { margin-top: 0; font-size: 1.6rem; }
.notice .status { color: #4a4a4a; font-size: .9rem; margin: 0 0 .25rem; }
.notice code { background: #eef1f5; padding: .05rem .3rem; border-radius: .2rem; }
.notice ul { padding-left: 1.25rem; }
.primary { font: inherit; font-weight: 600; padding: .5rem 1.2rem; border: 0; border-radius: .3rem; background: #1f6fb2; color: #fff; cursor: pointer; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
`;

export const WEB_CSS = `${LAYOUT_CSS}\n${IMPACT_CSS}\n${INBOX_CSS}`;
export const WEB_CSS_PATH = '/assets/liaison.css';
