/**
 * Styles for the Impact, Silos, Digests and item-list bodies, to be served with the web app's stylesheet (they
 * assume nothing of the layout but a readable base font). No inline styles, so a strict CSP needs no exception.
 */
export const IMPACT_CSS = `
.impact, .silos, .digests, .item-list { max-width: 72rem; color: #1a1a1a; line-height: 1.45; }
.page-head h1 { margin: 0 0 .25rem; font-size: 1.75rem; }
.page-head .period { margin: 0; font-size: 1.1rem; font-weight: 600; }
.page-head .compare, .note, .meta, .help { color: #4a4a4a; }
.badge { display: inline-block; margin-left: .6rem; padding: .1rem .5rem; border-radius: .3rem; background: #fff3cd; color: #5c4300; border: 1px solid #d9b44a; font-size: .85rem; font-weight: 600; }
.scope { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: 1rem 0; padding: .75rem 1rem; background: #f5f7fa; border: 1px solid #d5dbe3; border-radius: .5rem; }
.scope label { display: flex; flex-direction: column; font-size: .85rem; font-weight: 600; gap: .2rem; }
.scope input, .scope select { font: inherit; padding: .3rem .4rem; border: 1px solid #8a96a3; border-radius: .3rem; min-width: 10rem; }
.scope button { font: inherit; padding: .35rem 1rem; border: 0; border-radius: .3rem; background: #1f6fb2; color: #fff; font-weight: 600; cursor: pointer; }
.scope fieldset.range { display: flex; gap: .5rem; margin: 0; padding: 0 .5rem .1rem; border: 1px dashed #b9c2cc; border-radius: .3rem; }
.scope fieldset.range legend { font-size: .8rem; color: #4a4a4a; padding: 0 .25rem; }
.scope fieldset.range input { min-width: 0; }
.scope .help { flex-basis: 100%; margin: 0; font-size: .8rem; }
.link-form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: 1rem 0; padding: .75rem 1rem; background: #f5f7fa; border: 1px solid #d5dbe3; border-radius: .5rem; }
.link-form h3 { flex-basis: 100%; margin: 0; }
.link-form label { display: flex; flex-direction: column; font-size: .85rem; font-weight: 600; gap: .2rem; }
.link-form input, .link-form select { font: inherit; font-weight: 400; padding: .3rem .4rem; border: 1px solid #8a96a3; border-radius: .3rem; min-width: 14rem; }
.link-form button { font: inherit; padding: .35rem 1rem; border: 0; border-radius: .3rem; background: #1f6fb2; color: #fff; font-weight: 600; cursor: pointer; }
section { margin: 2rem 0; }
section h2 { font-size: 1.3rem; border-bottom: 1px solid #d5dbe3; padding-bottom: .3rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; margin: 0; }
.tile { padding: .75rem 1rem; border: 1px solid #d5dbe3; border-radius: .5rem; background: #fff; }
.tile dt { font-size: .85rem; color: #4a4a4a; font-weight: 600; }
.tile dd { margin: .2rem 0 0; }
.tile-value { display: block; font-size: 1.9rem; font-weight: 700; }
.tile-value a { color: #15528a; }
.tile-note { display: block; font-size: .8rem; color: #4a4a4a; }
.figure-link { color: #15528a; text-decoration: underline; text-underline-offset: 2px; }
.figure-link:focus-visible, a:focus-visible, button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.chart { margin: 1.25rem 0; }
.chart figcaption h3 { margin: 0; font-size: 1.05rem; }
.chart-description { margin: .2rem 0 .5rem; color: #4a4a4a; font-size: .9rem; }
.chart-image svg { max-width: 100%; height: auto; }
table.data, table.chart-table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; }
table.data caption, table.chart-table caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.data th, table.data td, table.chart-table th, table.chart-table td { padding: .3rem .6rem; border-bottom: 1px solid #e3e7ec; text-align: right; }
table.data th[scope=row], table.chart-table th[scope=row] { text-align: left; }
table.data thead th { border-bottom: 2px solid #b9c2cc; }
.share { color: #4a4a4a; font-size: .85em; }
.silo-list li, ol.items li { margin: .35rem 0; }
.path { margin: .15rem 0 0; font-weight: 600; color: #8a3b00; }
.digest { border: 1px solid #d5dbe3; border-radius: .5rem; padding: 1rem; margin: 1.5rem 0; }
.digest.preview { border-style: dashed; border-color: #d9b44a; background: #fffdf5; }
.thread .message { padding: .6rem .8rem; border-left: 3px solid #1f6fb2; margin: .6rem 0; background: #fafbfc; }
.thread .replies { margin-left: 1.5rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .4rem; }
.fields dt { font-weight: 600; }
.fields dd { margin: 0; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
