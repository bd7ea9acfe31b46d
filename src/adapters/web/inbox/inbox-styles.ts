/** Styles of the Inbox and Item pages, appended to the web app's stylesheet (no inline styles: the CSP forbids them). */
export const INBOX_CSS = `
.inbox, .item-story { max-width: 72rem; }
.page-head .lede, .crumbs { color: #4a4a4a; margin: .2rem 0 0; }
.crumbs { font-size: .9rem; }
.item-number { color: #4a5563; font-weight: 600; }
.filters select { min-width: 9rem; }
.count { color: #3d4651; margin: .5rem 0 1rem; }
.empty { padding: 2rem; text-align: center; background: #fff; border: 1px dashed #b9c2cc; border-radius: .5rem; color: #3d4651; }
.inbox-rows { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
.inbox-row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .5rem 1.25rem; align-items: start; padding: .8rem 1rem; background: #fff; border: 1px solid #d5dbe3; border-left: 5px solid #b9c2cc; border-radius: .45rem; }
.inbox-row.sla-breached, .routing.sla-breached { border-left-color: #c0362c; }
.inbox-row.sla-at_risk, .routing.sla-at_risk { border-left-color: #d98e04; }
.inbox-row.sla-on_track, .routing.sla-on_track { border-left-color: #2f8a4c; }
.row-badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0 0 .25rem; font-size: .8rem; }
.row-title { margin: 0; font-size: 1.02rem; font-weight: 600; line-height: 1.35; overflow-wrap: anywhere; }
.row-title a { color: #10263d; text-decoration: none; }
.row-title a:hover { text-decoration: underline; }
.meta { margin: .25rem 0 0; color: #4a4a4a; font-size: .87rem; }
.sla-line { margin: .2rem 0 0; font-size: .87rem; color: #3d4651; }
.sla-badge, .status, .priority, .snoozed { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-weight: 600; font-size: .78rem; border: 1px solid transparent; }
.sla-badge.sla-breached { background: #fde2e1; color: #8a1c1c; border-color: #f0b4b0; }
.sla-badge.sla-at_risk { background: #fff1d6; color: #6b4500; border-color: #ecc77a; }
.sla-badge.sla-on_track { background: #e3f4e8; color: #1c5e33; border-color: #a9d8b7; }
.sla-badge.sla-none, .status { background: #eef1f5; color: #3d4651; border-color: #d5dbe3; }
.priority { background: #fbe4f0; color: #7a1747; border-color: #eab0cd; }
.snoozed { background: #e8eefc; color: #233f8c; border-color: #b8c8f0; font-weight: 500; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-start; justify-content: flex-end; max-width: 34rem; }
.actions form.buttons { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; }
.actions button, .disclosure summary, .similar button, .item-story form button { font: inherit; font-size: .88rem; padding: .35rem .8rem; border: 1px solid #8a96a3; border-radius: .3rem; background: #fff; color: #1a1a1a; cursor: pointer; }
.actions .button-link { display: inline-block; font-size: .88rem; padding: .35rem .8rem; border: 1px solid #8a96a3; border-radius: .3rem; background: #fff; color: #1a1a1a; text-decoration: none; }
.actions button:hover, .disclosure summary:hover, .actions .button-link:hover { background: #eef1f5; }
.actions button.primary, .item-story button.primary { background: #1f6fb2; border-color: #1f6fb2; color: #fff; font-weight: 600; }
.actions button.danger, .item-story button.danger { background: #b42318; border-color: #b42318; color: #fff; }
.actions button.quiet { border-style: dashed; color: #3d4651; }
.disclosure { position: relative; }
.disclosure { max-width: 36rem; }
.disclosure summary { display: inline-block; list-style: none; }
.disclosure-body button { align-self: flex-start; }
.disclosure summary::-webkit-details-marker { display: none; }
.disclosure[open] summary { background: #eef1f5; }
.disclosure-body { margin-top: .4rem; padding: .75rem; min-width: 18rem; background: #fafbfc; border: 1px solid #d5dbe3; border-radius: .4rem; }
.disclosure-body form { display: flex; flex-direction: column; gap: .35rem; }
.disclosure-body label { font-size: .85rem; font-weight: 600; }
.disclosure-body textarea, .disclosure-body input, .disclosure-body select { font: inherit; padding: .35rem .45rem; border: 1px solid #8a96a3; border-radius: .3rem; }
[aria-invalid="true"] { border-color: #b42318 !important; box-shadow: 0 0 0 1px #b42318; }
.field-error { margin: .15rem 0; color: #a1140b; font-weight: 600; font-size: .87rem; }
.flash { margin: 0 0 1rem; padding: .7rem 1rem; border-radius: .4rem; border: 1px solid; }
.flash p { margin: 0; }
.flash-done { background: #e3f4e8; border-color: #a9d8b7; color: #123f22; }
.flash-refused { background: #fde2e1; border-color: #f0b4b0; color: #6e1212; }
.merged-note { padding: .6rem .9rem; background: #fff1d6; border: 1px solid #ecc77a; border-radius: .4rem; }
.item-story section { margin: 1.75rem 0; }
.feedback-text { margin: 0; padding: 1rem 1.2rem; background: #fff; border: 1px solid #d5dbe3; border-left: 4px solid #1f6fb2; border-radius: .4rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.02rem; }
.routing { margin: .75rem 0; padding: .8rem 1rem; background: #fff; border: 1px solid #d5dbe3; border-left: 5px solid #b9c2cc; border-radius: .45rem; }
.routing h3 { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: 0; font-size: 1.08rem; }
.routing .actions { justify-content: flex-start; max-width: none; margin-top: .6rem; }
.voices, .similar, .replies { list-style: none; padding: 0; margin: 0; }
.voice { padding: .6rem 0; border-bottom: 1px solid #e3e7ec; }
.voice blockquote { margin: .35rem 0; padding-left: .8rem; border-left: 3px solid #d5dbe3; white-space: pre-wrap; overflow-wrap: anywhere; }
.reply { font-size: .87rem; padding: .1rem 0 .1rem 1.2rem; position: relative; }
.reply::before { content: "↳"; position: absolute; left: 0; color: #4a5563; }
.reply-failed { color: #8a1c1c; font-weight: 600; }
.reply-pending, .reply-sending { color: #6b4500; }
.quiet-text { color: #4a4a4a; font-size: .87rem; margin: .2rem 0; }
.similar li { padding: .5rem 0; border-bottom: 1px solid #e3e7ec; }
.similar p { margin: 0 0 .35rem; }
.similar .excerpt { color: #333; }
form.inline { display: inline; margin: 0; }
.ledger { width: 100%; background: #fff; }
.ledger th[scope=row] { font-weight: 400; }
.ledger td, .ledger th { text-align: left !important; vertical-align: top; }
.ledger td:first-child { white-space: nowrap; color: #3d4651; }
.help { font-size: .85rem; color: #4a4a4a; margin: 0; }
@media (max-width: 48rem) { .inbox-row { grid-template-columns: 1fr; } .actions { justify-content: flex-start; } }
`;
