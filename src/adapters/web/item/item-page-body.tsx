import type { ItemStory, RoutingStory } from '../../../core/load-item-story.js';
import { categoryLabel } from '../../charts/chart-words.js';
import { localTime } from '../../local-time.js';
import { ExternalLink, isWebUrl } from '../safe-link.js';
import { Disclosure, FieldError, RoutingActions, type FormKit } from './action-forms.js';
import { ago, ledgerWords, replyWords, SLA_LABEL, slaWords, statusLabel, VIA_LABEL } from './story-words.js';
import { routingReasonWords } from '../../../delivery/routing-reason-words.js';

const TRACKER_NAME = { github: 'GitHub', linear: 'Linear', jira: 'Jira' } as const;
const PLATFORM_NAME: Record<string, string> = { slack: 'Slack', discord: 'Discord', webhook: 'a webhook', console: 'the console' };

/** An item's whole story, and what this person may do about it. */
export function itemPageBody(story: ItemStory, kit: FormKit, tz: string, itemHref: (id: number) => string) {
  const { item, now } = story;
  return (
    <article class="item-story" aria-labelledby="item-title">
      <header class="page-head">
        <p class="crumbs"><a href="/inbox">Inbox</a> / Item #{item.id}</p>
        <h1 id="item-title"><span class="item-number">#{item.id}</span> {item.title ?? excerptOf(item.text)}</h1>
        {item.mergedIntoId ? <p class="merged-note">This item was merged into <a href={itemHref(item.mergedIntoId)}>#{item.mergedIntoId}</a>: its voices and its teams' work continue there.</p> : ''}
        <p class="meta">From <strong>{item.author.name}</strong> in {item.community.name} · posted {localTime(item.postedAt, tz)} · {categoryLabel(item.category)} ({Math.round(item.confidence * 100)}%) · urgency {item.urgency} · {item.sentiment} sentiment{item.priority !== 'normal' ? ` · ${item.priority} priority` : ''}</p>
      </header>

      <section aria-labelledby="words-title">
        <h2 id="words-title">What they said</h2>
        <blockquote class="feedback-text">{item.text}</blockquote>
        {item.tags?.length ? <p class="item-tags">Tagged {item.tags.join(', ')} where it was posted.</p> : ''}
        <p>{isWebUrl(item.permalink) ? <ExternalLink href={item.permalink}>Open the original message</ExternalLink> : 'The original message has no web link.'}</p>
      </section>

      <section aria-labelledby="teams-title">
        <h2 id="teams-title">Teams</h2>
        {story.routings.length === 0 ? <p>It was not routed to any team.</p> : story.routings.map((r) => <RoutingPanel routing={r} itemId={item.id} kit={kit} tz={tz} now={now} />)}
      </section>

      {story.similar.length > 0 || story.may.merge ? <MergeSection story={story} kit={kit} itemHref={itemHref} /> : ''}
      {story.may.escalate ? <EscalateSection story={story} kit={kit} /> : ''}

      <section aria-labelledby="voices-title">
        <h2 id="voices-title">{story.voices.length === 1 ? 'Who said it' : `${story.voices.length} people said it`}</h2>
        <ol class="voices">
          {story.voices.map((v) => (
            <li class="voice">
              <p class="meta"><strong>{v.authorName}</strong> on {PLATFORM_NAME[v.platform] ?? v.platform} · {localTime(v.postedAt, tz)}{isWebUrl(v.permalink) ? <> · <ExternalLink href={v.permalink}>original</ExternalLink></> : ''}</p>
              {story.voices.length > 1 ? <blockquote>{v.text}</blockquote> : ''}
              {v.replies.length === 0 ? <p class="quiet-text">No reply sent yet.</p> : <ul class="replies">{v.replies.map((reply) => <li class={`reply reply-${reply.state}`}>{replyWords(reply, tz)}</li>)}</ul>}
            </li>
          ))}
        </ol>
        {story.otherReplies.length > 0 ? <><h3>Other replies</h3><ul class="replies">{story.otherReplies.map((reply) => <li class={`reply reply-${reply.state}`}>{replyWords(reply, tz)}</li>)}</ul></> : ''}
      </section>

      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">What happened</h2>
        <p class="help">Every step recorded in the ledger, oldest first; times in {tz.replace(/_/g, ' ')} time.</p>
        <table class="data ledger">
          <caption class="visually-hidden">Every action recorded on this item, oldest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Through</th></tr></thead>
          <tbody>
            {story.ledger.map((entry) => (
              <tr>
                <td><time datetime={entry.createdAt.toISOString()}>{localTime(entry.createdAt, tz)}</time></td>
                <th scope="row">{ledgerWords(entry, item.id)}</th>
                <td>{VIA_LABEL[entry.via] ?? entry.via}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

function RoutingPanel(props: { routing: RoutingStory; itemId: number; kit: FormKit; tz: string; now: Date }) {
  const { routing: r, tz, now } = props;
  const state = r.sla?.state ?? 'none';
  return (
    <div class={`routing sla-${state}`} id={`routing-${r.id}`}>
      <h3>{r.team.name} <span class="status">{statusLabel(r.status)}</span>{r.sla && r.sla.target ? <span class={`sla-badge sla-${state}`}>{SLA_LABEL[state]}</span> : ''}</h3>
      <p class="meta">Why here: {routingReasonWords(r.reason)} · routed {ago(r.createdAt, now)}{r.owner ? ` · owner ${r.owner.name}` : ''}{r.hops > 0 ? ` · passed on ${r.hops === 1 ? 'once' : `${r.hops} times`}` : ''}</p>
      {r.sla && r.sla.target ? <p class="sla-line">{slaWords(r.sla, tz, now)}</p> : ''}
      {r.status === 'declined' && r.declineReason ? <p>Declined: “{r.declineReason}”</p> : ''}
      {r.snoozedUntil && r.snoozedUntil > now ? <p class="snoozed">Reminders snoozed until {localTime(r.snoozedUntil, tz)}{r.snoozeReason ? `: ${r.snoozeReason}` : ''}</p> : ''}
      {r.issue ? <p class="issue">{r.issue.status === 'pending' ? `Creating an issue in ${TRACKER_NAME[r.issue.tracker]} (${r.issue.place})…` : <>{TRACKER_NAME[r.issue.tracker]} issue <ExternalLink href={r.issue.url}>{r.issue.key ?? ''}</ExternalLink> · {r.issue.stateLabel ?? r.issue.state ?? 'open'}</>}</p> : ''}
      {r.issueFailure ? <p class="field-error">The last issue request failed: {r.issueFailure}</p> : ''}
      <RoutingActions routing={{ id: r.id, itemId: props.itemId, team: r.team, moves: r.moves }} kit={props.kit} />
    </div>
  );
}

function MergeSection(props: { story: ItemStory; kit: FormKit; itemHref: (id: number) => string }) {
  const { story, kit } = props;
  const id = story.item.id;
  const url = kit.actionUrl(id, 'merge');
  return (
    <section aria-labelledby="merge-title">
      <h2 id="merge-title">Duplicates</h2>
      {story.similar.length === 0 ? <p>No open item reads like this one.</p> : (
        <ul class="similar">
          {story.similar.map((s) => (
            <li>
              <p><strong>Looks like <a href={props.itemHref(s.itemId)}>#{s.itemId}</a> — merge?</strong> <span class="excerpt">“{s.title ? `${s.title}: ` : ''}{s.excerpt}”</span> <span class="meta">{s.community.name} · {Math.round(s.score * 100)}% alike</span></p>
              {s.mayMerge ? (
                <form method="post" action={url} class="inline">
                  {kit.csrf}<input type="hidden" name="form" value={kit.token(`merge-${s.itemId}`)} /><input type="hidden" name="into" value={String(s.itemId)} />
                  <button type="submit">Merge #{id} into #{s.itemId}</button>
                </form>
              ) : ''}
            </li>
          ))}
        </ul>
      )}
      {story.may.merge ? (
        <Disclosure kit={kit} form="merge" summary="Merge into another item…">
          <form method="post" action={url}>
            {kit.csrf}<input type="hidden" name="form" value={kit.token('merge')} />
            <label for="merge-into">Item number to merge #{id} into</label>
            <input id="merge-into" name="into" inputmode="numeric" required value={kit.error?.form === 'merge' ? (kit.error.values.into ?? '') : ''} {...(kit.error?.form === 'merge' ? { 'aria-invalid': 'true', 'aria-describedby': 'merge-into-error' } : {})} />
            <FieldError id="merge-into-error" error={kit.error} form="merge" field="into" />
            <p class="help">Every voice of #{id} joins that item, and every author hears its outcome.</p>
            <button type="submit">Merge</button>
          </form>
        </Disclosure>
      ) : ''}
    </section>
  );
}

function EscalateSection(props: { story: ItemStory; kit: FormKit }) {
  const { story, kit } = props;
  const error = kit.error?.form === 'escalate' ? kit.error : undefined;
  const open = story.routings.filter((r) => r.status === 'open' || r.status === 'acknowledged' || r.status === 'owned');
  const chosen = error?.values.team ?? (open.length === 1 ? open[0]?.team.id : '');
  return (
    <section aria-labelledby="escalate-title">
      <h2 id="escalate-title">Escalate</h2>
      <Disclosure kit={kit} form="escalate" summary="Escalate this item…">
        <form method="post" action={kit.actionUrl(story.item.id, 'escalate')}>
          {kit.csrf}<input type="hidden" name="form" value={kit.token('escalate')} />
          <label for="escalate-team">Team</label>
          <select id="escalate-team" name="team">
            {open.length === 1 ? '' : <option value="">Choose a team</option>}
            {story.teams.map((t) => <option value={t.id} selected={t.id === chosen}>{t.name}</option>)}
          </select>
          <FieldError id="escalate-team-error" error={kit.error} form="escalate" field="team" />
          <label for="escalate-priority">Priority</label>
          <select id="escalate-priority" name="priority"><option value="high">High</option><option value="urgent" selected={error?.values.priority === 'urgent'}>Urgent</option></select>
          <label for="escalate-reason">Why? The team and its on-call see this.</label>
          <textarea id="escalate-reason" name="reason" rows={2} maxlength={2000} required {...(error?.field === 'reason' ? { 'aria-invalid': 'true', 'aria-describedby': 'escalate-reason-error' } : {})}>{error?.values.reason ?? ''}</textarea>
          <FieldError id="escalate-reason-error" error={kit.error} form="escalate" field="reason" />
          <button type="submit" class="danger">Escalate</button>
        </form>
      </Disclosure>
    </section>
  );
}

function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}
