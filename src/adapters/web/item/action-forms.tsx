import type { Child } from 'hono/jsx';
import type { RoutingMoves } from '../../../core/inbox/viewer-moves.js';
import { ACTION_LABEL, UNDO_LABEL } from './story-words.js';

/** A form that came back refused: which one, the message beside which field, and what had been typed. */
export interface FormError {
  form: string;
  field: string | null;
  message: string;
  values: Record<string, string>;
}

/** What every form on a page needs: the CSRF field, a fresh per-form token, where to return, the teams to offer. */
export interface FormKit {
  csrf: Child;
  /** A token unique to this form on this page view: the same form submitted twice records one action. */
  token: (form: string) => string;
  back: string;
  actionUrl: (itemId: number, verb: 'act' | 'escalate' | 'merge') => string;
  teams: { id: string; name: string }[];
  error?: FormError;
  /** A form to show opened (the inbox's Decline… link lands on the item page with it open). */
  open?: string;
  itemHref: (id: number) => string;
}

export const SNOOZE_CHOICES = [['4h', '4 hours'], ['1d', '1 day'], ['3d', '3 days'], ['1w', '1 week']] as const;

interface RoutingRef { id: number; itemId: number; team: { id: string; name: string }; moves: RoutingMoves }

function Hidden(props: { kit: FormKit; form: string; routing?: number }) {
  return (
    <>
      {props.kit.csrf}
      <input type="hidden" name="form" value={props.kit.token(props.form)} />
      <input type="hidden" name="back" value={props.kit.back} />
      {props.routing ? <input type="hidden" name="routing" value={String(props.routing)} /> : ''}
    </>
  );
}

/** A field's error beside it, tied to it for screen readers. */
export function FieldError(props: { id: string; error?: FormError; form: string; field: string }) {
  const { error } = props;
  return error && error.form === props.form && error.field === props.field ? <p class="field-error" id={props.id} role="alert">{error.message}</p> : '';
}

const invalid = (kit: FormKit, form: string, field: string) => (kit.error?.form === form && kit.error.field === field ? { 'aria-invalid': 'true', 'aria-describedby': `${form}-${field}-error` } : {});
const typed = (kit: FormKit, form: string, field: string) => (kit.error?.form === form ? (kit.error.values[field] ?? '') : '');

/** The buttons and forms a card offers this person on one routing: the same moves, through the same verbs. */
export function RoutingActions(props: { routing: RoutingRef; kit: FormKit; compact?: boolean }) {
  const { routing, kit } = props;
  const { moves } = routing;
  const url = kit.actionUrl(routing.itemId, 'act');
  const buttonsForm = `r${routing.id}-buttons`;
  const hasAny = moves.actions.length > 0 || moves.undo || moves.createIssue || moves.actions.includes('decline') || moves.actions.includes('pass_on') || moves.snooze;
  if (!hasAny) return '';
  const label = `#${routing.itemId} for ${routing.team.name}`;
  const formError = kit.error?.form.startsWith(`r${routing.id}-`) ? kit.error : undefined;
  if (props.compact) {
    // The inbox keeps a row light: the moves that need words open their form on the item page, as a card opens a modal.
    const link = (form: string, words: string) => <a class="button-link" href={`${kit.itemHref(routing.itemId)}?open=${form}&back=${encodeURIComponent(kit.back)}#${form}`}>{words}</a>;
    return (
      <div class="actions" role="group" aria-label={`Actions on ${label}`}>
        <ButtonsForm routing={routing} kit={kit} />
        {moves.actions.includes('decline') ? link(`r${routing.id}-decline`, ACTION_LABEL.decline) : ''}
        {moves.actions.includes('pass_on') ? link(`r${routing.id}-pass`, ACTION_LABEL.pass_on) : ''}
        {moves.snooze ? link(`r${routing.id}-snooze`, ACTION_LABEL.snooze) : ''}
      </div>
    );
  }
  return (
    <div class="actions" role="group" aria-label={`Actions on ${label}`}>
      <ButtonsForm routing={routing} kit={kit} />
      {formError?.form === buttonsForm ? <p class="field-error" role="alert">{formError.message}</p> : ''}
      {moves.actions.includes('decline') ? (
        <Disclosure kit={kit} form={`r${routing.id}-decline`} summary="Decline…">
          <form method="post" action={url}>
            <Hidden kit={kit} form={`r${routing.id}-decline`} routing={routing.id} />
            <input type="hidden" name="action" value="decline" />
            <label for={`r${routing.id}-decline-reason`}>Why decline it? The author is told this.</label>
            <textarea id={`r${routing.id}-decline-reason`} name="reason" rows={2} maxlength={2000} required {...invalid(kit, `r${routing.id}-decline`, 'reason')}>{typed(kit, `r${routing.id}-decline`, 'reason')}</textarea>
            <FieldError id={`r${routing.id}-decline-reason-error`} error={kit.error} form={`r${routing.id}-decline`} field="reason" />
            <button type="submit" class="danger">Decline {label}</button>
          </form>
        </Disclosure>
      ) : ''}
      {moves.actions.includes('pass_on') ? (
        <Disclosure kit={kit} form={`r${routing.id}-pass`} summary="Pass on…">
          <form method="post" action={url}>
            <Hidden kit={kit} form={`r${routing.id}-pass`} routing={routing.id} />
            <input type="hidden" name="action" value="pass_on" />
            <label for={`r${routing.id}-pass-toTeam`}>To which team?</label>
            <select id={`r${routing.id}-pass-toTeam`} name="toTeam" {...invalid(kit, `r${routing.id}-pass`, 'toTeam')}>
              {kit.teams.filter((t) => t.id !== routing.team.id).map((t) => <option value={t.id} selected={typed(kit, `r${routing.id}-pass`, 'toTeam') === t.id}>{t.name}</option>)}
            </select>
            <FieldError id={`r${routing.id}-pass-toTeam-error`} error={kit.error} form={`r${routing.id}-pass`} field="toTeam" />
            <label for={`r${routing.id}-pass-note`}>A note for them (optional)</label>
            <textarea id={`r${routing.id}-pass-note`} name="reason" rows={2} maxlength={2000}>{typed(kit, `r${routing.id}-pass`, 'reason')}</textarea>
            <button type="submit">Pass it on</button>
          </form>
        </Disclosure>
      ) : ''}
      {moves.snooze ? (
        <Disclosure kit={kit} form={`r${routing.id}-snooze`} summary="Snooze…">
          <form method="post" action={url}>
            <Hidden kit={kit} form={`r${routing.id}-snooze`} routing={routing.id} />
            <input type="hidden" name="action" value="snooze" />
            <label for={`r${routing.id}-snooze-for`}>Pause reminders for</label>
            <select id={`r${routing.id}-snooze-for`} name="snoozeFor">
              {SNOOZE_CHOICES.map(([value, words]) => <option value={value} selected={typed(kit, `r${routing.id}-snooze`, 'snoozeFor') === value}>{words}</option>)}
            </select>
            <label for={`r${routing.id}-snooze-reason`}>Why?</label>
            <input id={`r${routing.id}-snooze-reason`} name="reason" maxlength={500} required value={typed(kit, `r${routing.id}-snooze`, 'reason')} {...invalid(kit, `r${routing.id}-snooze`, 'reason')} />
            <FieldError id={`r${routing.id}-snooze-reason-error`} error={kit.error} form={`r${routing.id}-snooze`} field="reason" />
            <button type="submit">Snooze</button>
          </form>
        </Disclosure>
      ) : ''}
    </div>
  );
}

/** The moves that need no words, as one form of buttons (acknowledge, take, resolve, reopen, create issue, undo). */
function ButtonsForm(props: { routing: RoutingRef; kit: FormKit }) {
  const { routing, kit } = props;
  const { moves } = routing;
  const direct = moves.actions.filter((a) => a === 'acknowledge' || a === 'own' || a === 'resolve' || a === 'reopen');
  if (direct.length === 0 && !moves.undo && !moves.createIssue) return '';
  return (
    <form method="post" action={kit.actionUrl(routing.itemId, 'act')} class="buttons">
      <Hidden kit={kit} form={`r${routing.id}-buttons`} routing={routing.id} />
      {direct.map((a) => <button type="submit" name="action" value={a} class={a === 'resolve' ? 'primary' : ''}>{ACTION_LABEL[a]}</button>)}
      {moves.createIssue ? <button type="submit" name="action" value="create_issue">Create issue</button> : ''}
      {moves.undo ? <button type="submit" name="action" value="undo" class="quiet">{UNDO_LABEL[moves.undo.kind]}</button> : ''}
    </form>
  );
}

/** A form behind its button, opened without JavaScript; open again when it came back with an error. */
export function Disclosure(props: { kit: FormKit; form: string; summary: string; children: Child }) {
  return (
    <details class="disclosure" id={props.form} open={props.kit.error?.form === props.form || props.kit.open === props.form}>
      <summary>{props.summary}</summary>
      <div class="disclosure-body">{props.children}</div>
    </details>
  );
}
