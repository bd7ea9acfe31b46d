import type { RoutingReason, RuleMatch } from '../db/schema/routing.js';

const percent = (x: number) => `${Math.round(x * 100)}%`;
const quoted = (terms: string[]) => terms.map((t) => `"${t}"`).join(', ');
const categoryName = (category: string) => category.replace('_', ' ');
const noted = (note: string | undefined) => (note ? `: ${note}` : '');

/** Said when a reason carries neither its facts nor a stored sentence (a row damaged by hand, say). */
const BARE: Record<RoutingReason['kind'], string> = {
  rule: 'A routing rule sent it here',
  classifier: 'The classifier sent it here',
  fallback: 'No rule routes it, so it went to the fallback team',
  unsure: 'Not sure what this is, so it went to the fallback team',
  pass_on: 'Passed on by hand',
  manual: 'Sent here by hand',
  escalation: 'Escalated by hand',
};

/**
 * The "why here" sentence of a routing, the same on every card, status reply and item page (each surface escapes it
 * for its own markup). Reasons stored before they were kept as facts carry only their sentence: it is shown as it was.
 */
export function routingReasonWords(reason: RoutingReason): string {
  return fromFacts(reason) ?? reason.summary ?? BARE[reason.kind] ?? reason.kind;
}

function fromFacts(reason: RoutingReason): string | undefined {
  const terms = reason.terms ?? [];
  const because = terms.length ? `: ${quoted(terms)}` : '';
  switch (reason.kind) {
    case 'rule':
      return reason.matched && ruleWords(reason.rule, reason.matched);
    case 'classifier':
      if (reason.source === 'team_model') return reason.team !== undefined ? `Like earlier items ${reason.team} handled${because}` : undefined;
      if (reason.source === 'hand_offs') return reason.confidence !== undefined ? `Learned from earlier hand-offs of similar feedback (${percent(reason.confidence)})${because}` : undefined;
      return reason.matched && ruleWords(reason.rule, reason.matched);
    case 'unsure':
      if (!reason.guess) return undefined;
      return reason.guess.category === 'noise'
        ? `Reads like chatter (${percent(reason.guess.confidence)}), so it went to the fallback team to check`
        : `Not sure what this is (best guess ${categoryName(reason.guess.category)} at ${percent(reason.guess.confidence)}), so it went to the fallback team`;
    case 'fallback':
      return reason.guess && `No rule routes ${categoryName(reason.guess.category)}, so it went to the fallback team`;
    case 'pass_on':
      return reason.by !== undefined && reason.from !== undefined ? `Passed on by ${reason.by} from ${reason.from}${noted(reason.note)}` : undefined;
    case 'escalation':
      return reason.by !== undefined ? `Escalated by ${reason.by}: ${reason.note ?? ''}` : undefined;
    case 'manual':
      // A capture by hand may name no one; only a stored sentence marks a reason from before facts.
      return reason.summary === undefined ? `Sent here by ${reason.by ?? 'hand'}${noted(reason.note)}` : undefined;
    default:
      return undefined;
  }
}

/** `Rule "name": ` then each condition that held, in the order the config reads them. */
function ruleWords(rule: string | undefined, matched: RuleMatch): string {
  const held: string[] = [];
  if (matched.category) {
    const { category, confidence, terms } = matched.category;
    held.push(`classified as ${categoryName(category)} (${percent(confidence)})${terms.length ? ` from ${quoted(terms)}` : ''}`);
  }
  if (matched.mentions) held.push(`mentions ${quoted(matched.mentions)}`);
  if (matched.community !== undefined) held.push(`from the ${matched.community} community`);
  if (matched.urgency) held.push(`urgency ${matched.urgency}`);
  return `${rule ? `Rule "${rule}": ` : ''}${held.join('; ')}`;
}
