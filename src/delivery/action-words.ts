/** One recorded action, as every presenter shows it on a card, in its thread and in histories. */
export interface ActionFacts { actor: string; kind: string; team?: string | null; toTeam?: string | null; reason?: string | null; priority?: string | null }

const VERB: Record<string, string> = {
  acknowledge: 'acknowledged this',
  own: 'took this',
  resolve: 'resolved this',
  decline: 'declined this',
  reopen: 'reopened this',
  undo: 'took back their last step on this',
  escalate: 'escalated this',
  merge: 'merged this',
  recategorize: 'changed the category of this',
  capture: 'captured this',
  snooze: 'paused the reminders for this',
  sla_ladder: 'flagged this as overdue',
  create_issue: 'created an issue for this',
  link_issue: 'linked an issue to this',
};

/**
 * "Jo (Support) passed this to Product: a how-to", "Sam (Support) resolved this", "Maya escalated this to high
 * priority: a VIP": who, for which team, did what.
 * `esc` escapes names and reasons for the platform's markup (and makes them unable to ping anyone).
 */
export function actionSentence(a: ActionFacts, esc: (text: string) => string = (t) => t): string {
  const who = `${esc(a.actor)}${a.team ? ` (${esc(a.team)})` : ''}`;
  const did = a.kind === 'pass_on' ? `passed this${a.toTeam ? ` to ${esc(a.toTeam)}` : ' on'}`
    : a.kind === 'escalate' && a.priority ? `escalated this to ${esc(a.priority)} priority`
    : (VERB[a.kind] ?? `${a.kind.replace(/_/g, ' ')} this`);
  return `${who} ${did}${a.reason ? `: ${esc(a.reason)}` : ''}`;
}
