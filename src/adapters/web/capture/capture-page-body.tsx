import type { Child } from 'hono/jsx';

export const AUTHOR_KINDS = { email: 'E-mail address', slack: 'Slack user ID', discord: 'Discord user ID', name: 'Name only' } as const;
export type AuthorKind = keyof typeof AUTHOR_KINDS;

export interface CaptureFormState {
  values: Partial<Record<'community' | 'authorKind' | 'authorId' | 'authorName' | 'title' | 'text' | 'permalink' | 'note', string>> & { teams?: string[] };
  /** Errors by field, shown beside it. */
  errors: Partial<Record<string, string>>;
  /** The form's one-time key: a second submit of the same form records nothing new. */
  key: string;
}

export interface CaptureChoices { communities: { id: string; name: string }[]; teams: { id: string; name: string }[] }

/** The capture-by-hand form, and after a capture what became of it. */
export function capturePageBody(props: { choices: CaptureChoices; form: CaptureFormState; csrf: Child; done?: { itemId: number; duplicate: boolean; teams: string[]; href: string } }) {
  const { form, choices, done } = props;
  const v = form.values;
  const error = (field: string) => (form.errors[field] ? <span id={`${field}-error`} class="field-error">{form.errors[field]}</span> : '');
  const described = (field: string, help?: string) => [form.errors[field] ? `${field}-error` : '', help ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="capture">
      <header class="page-head">
        <h1>Capture feedback by hand</h1>
        <p class="compare">For what a member told you outside the watched channels: a call, a meeting, an e-mail. Liaison classifies and routes it like any message, and tells the author what became of it where it can reach them.</p>
      </header>
      {done ? (
        <p class="notice" role="status">{done.duplicate ? 'Already captured' : 'Captured'} as <a href={done.href}>{`#${done.itemId}`}</a>{`${done.teams.length > 0 ? `, sent to ${done.teams.join(' and ')}` : ''}.`}</p>
      ) : ''}
      {Object.keys(form.errors).length > 0 ? <p class="field-error" role="alert">Nothing was captured: please correct the fields marked below.</p> : ''}
      <form method="post" action="/capture" class="capture-form">
        {props.csrf}
        <input type="hidden" name="key" value={form.key} />
        <label>Community
          <select name="community" aria-describedby={described('community')}>
            {choices.communities.map((c) => <option value={c.id} selected={v.community === c.id}>{c.name}</option>)}
          </select>
          {error('community')}
        </label>
        <fieldset>
          <legend>Who said it</legend>
          <label>Their name
            <input name="authorName" required maxlength={200} value={v.authorName ?? ''} aria-invalid={form.errors.authorName ? 'true' : undefined} aria-describedby={described('authorName')} />
            {error('authorName')}
          </label>
          <label>How to reach them
            <select name="authorKind">{Object.entries(AUTHOR_KINDS).map(([value, label]) => <option value={value} selected={(v.authorKind ?? 'email') === value}>{label}</option>)}</select>
          </label>
          <label>Address or ID
            <input name="authorId" value={v.authorId ?? ''} aria-invalid={form.errors.authorId ? 'true' : undefined} aria-describedby={described('authorId', 'author-id-help')} />
            <span id="author-id-help" class="help">Their e-mail, or their Slack or Discord user ID; their history joins what they said there. Leave empty for “Name only”.</span>
            {error('authorId')}
          </label>
        </fieldset>
        <label>Title (optional)
          <input name="title" maxlength={300} value={v.title ?? ''} />
        </label>
        <label>What they said
          <textarea name="text" required rows={6} aria-invalid={form.errors.text ? 'true' : undefined} aria-describedby={described('text')}>{v.text ?? ''}</textarea>
          {error('text')}
        </label>
        <label>Link to the original (optional)
          <input name="permalink" type="url" value={v.permalink ?? ''} aria-invalid={form.errors.permalink ? 'true' : undefined} aria-describedby={described('permalink')} />
          {error('permalink')}
        </label>
        <fieldset>
          <legend>Send to (leave empty to let Liaison route it)</legend>
          {choices.teams.map((t) => <label class="check"><input type="checkbox" name="teams" value={t.id} checked={v.teams?.includes(t.id)} /> {t.name}</label>)}
          {error('teams')}
        </fieldset>
        <label>Note for the team (optional)
          <input name="note" maxlength={2000} value={v.note ?? ''} />
        </label>
        <button type="submit">Capture</button>
      </form>
    </div>
  );
}
