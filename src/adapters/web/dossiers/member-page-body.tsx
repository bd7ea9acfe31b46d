import type { Child } from 'hono/jsx';
import type { MemberDossier } from '../../../core/member-dossier.js';
import { CommunityFiguresSection, dayLabel, HistoryList, OpenItems, type DossierLinks } from './dossier-parts.js';
import { zonedDateTime } from '../../local-time.js';

export const PLATFORM_WORDS: Record<string, string> = { slack: 'Slack', discord: 'Discord', webhook: 'E-mail or form', console: 'Terminal' };

/** What the link/unlink forms need from the route: where they post, the CSRF field, and an error to show beside a field. */
export interface IdentityForms { linkAction: string; unlinkAction: string; csrf: Child; error?: { field: 'platform' | 'id' | 'unlink'; message: string }; given?: { platform?: string; id?: string } }

/** A member's dossier: who they are on each platform, what they raised per community, what is open, everything said. */
export async function memberPageBody(dossier: MemberDossier, links: DossierLinks, tz: string, forms?: IdentityForms) {
  const { member } = dossier;
  const all = dossier.history.totals;
  return (
    <div class="dossier member">
      <header class="page-head">
        <h1>{member.name || `Member #${member.id}`}</h1>
        <p class="period">Member #{member.id} · first heard from {dayLabel(member.since, tz)} · {all.items} {all.items === 1 ? 'item' : 'items'}, in {dossier.communities.length} {dossier.communities.length === 1 ? 'community' : 'communities'} over the last two years</p>
      </header>
      <section aria-labelledby="identities-title">
        <h2 id="identities-title">Identities</h2>
        <p class="note">One person on every platform they use. History follows every identity linked here.</p>
        <table class="data identities">
          <caption class="visually-hidden">Linked identities</caption>
          <thead><tr><th scope="col">Platform</th><th scope="col">ID</th><th scope="col">Name there</th><th scope="col">First seen</th>{forms ? <th scope="col"><span class="visually-hidden">Unlink</span></th> : ''}</tr></thead>
          <tbody>
            {member.identities.map((i) => (
              <tr>
                <th scope="row">{PLATFORM_WORDS[i.platform] ?? i.platform}</th><td><code>{i.id}</code></td><td>{i.name}</td><td>{dayLabel(i.since, tz)}</td>
                {forms ? <td>{member.identities.length > 1 ? (
                  <form method="post" action={forms.unlinkAction} class="inline">
                    {forms.csrf}
                    <input type="hidden" name="platform" value={i.platform} /><input type="hidden" name="id" value={i.id} />
                    <button type="submit" class="secondary" aria-label={`Unlink ${PLATFORM_WORDS[i.platform] ?? i.platform} ${i.id}`}>Unlink</button>
                  </form>
                ) : ''}</td> : ''}
              </tr>
            ))}
          </tbody>
        </table>
        {forms?.error?.field === 'unlink' ? <p class="field-error" role="alert">{forms.error.message}</p> : ''}
        {forms ? <LinkForm forms={forms} /> : ''}
      </section>
      {dossier.communities.length === 0 ? <p>Nothing raised in the last two years.</p> : dossier.communities.map((c) => (
        <CommunityFiguresSection figures={c} id={`c-${c.community.id.replace(/[^a-z0-9-]/gi, '-')}`} heading={`In ${c.community.name}`} communityHref={links.communityHref(c.community.id)} />
      ))}
      <OpenItems open={dossier.open} itemHref={links.itemHref} tz={tz} />
      <HistoryList items={dossier.history.items} total={all.items} links={links} tz={tz} />
      {dossier.links.length > 0 ? (
        <section aria-labelledby="links-title">
          <h2 id="links-title">Links and unlinks</h2>
          <ul class="ledger">
            {dossier.links.map((l) => <li>{zonedDateTime(l.at, tz)} · {l.actorName} {l.kind === 'link' ? 'linked' : 'unlinked'} {l.identities.map((i) => `${PLATFORM_WORDS[i.platform] ?? i.platform} ${i.id}`).join(' and ')} <span class="meta">(through {l.via === 'web' ? 'the web app' : l.via})</span></li>)}
          </ul>
        </section>
      ) : ''}
    </div>
  );
}

function LinkForm(props: { forms: IdentityForms }) {
  const { forms } = props;
  const err = (field: 'platform' | 'id') => (forms.error?.field === field ? <span id={`link-${field}-error`} class="field-error">{forms.error.message}</span> : '');
  return (
    <form method="post" action={forms.linkAction} class="link-form">
      {forms.csrf}
      <h3>Link another identity of this person</h3>
      <label>Platform
        <select name="platform" aria-describedby={forms.error?.field === 'platform' ? 'link-platform-error' : undefined}>
          {Object.entries(PLATFORM_WORDS).map(([value, label]) => <option value={value} selected={forms.given?.platform === value}>{label}</option>)}
        </select>
        {err('platform')}
      </label>
      <label>Their ID there (a Slack or Discord user ID, or an e-mail address)
        <input name="id" required value={forms.given?.id ?? ''} aria-invalid={forms.error?.field === 'id' ? 'true' : undefined} aria-describedby={forms.error?.field === 'id' ? 'link-id-error' : undefined} />
        {err('id')}
      </label>
      <button type="submit">Link</button>
    </form>
  );
}
