import { isDomainError, type DomainError, type LastStep, type PermissionRefusal, type Refusal, type TeamDeedWords } from '../core/errors.js';
import { TRACKER_NAME } from '../core/trackers/issue-link.js';
import { modelRefusalWords } from './model-words.js';
import { IMPERATIVE, PAST_TENSE } from './verb-words.js';

/**
 * What a person is told when Liaison refuses: the same plain sentence in Slack, Discord, the CLI, the web app and the
 * console (each escapes it its own way). An error an edge wrote itself keeps its own words.
 */
export function errorWords(error: DomainError): string {
  return error.refusal ? refusalWords(error.refusal) : error.message;
}

/** The words of any thrown value that is a DomainError, else undefined (a bug or an outage has no words for users). */
export function wordsOfRefusal(error: unknown): string | undefined {
  return isDomainError(error) ? errorWords(error) : undefined;
}

const TEAM_DEED: Record<TeamDeedWords, string> = {
  acknowledge: `${IMPERATIVE.acknowledge} this`,
  own: `${IMPERATIVE.own} this`,
  resolve: `${IMPERATIVE.resolve} this`,
  decline: `${IMPERATIVE.decline} this`,
  pass_on: `${IMPERATIVE.pass_on} this`,
  reopen: `${IMPERATIVE.reopen} this`,
  undo: `${IMPERATIVE.undo} this`,
  snooze: 'snooze this',
  correct: 'correct this',
  create_issue: 'create issues for this',
  link_issue: 'link issues for this',
};

const MANAGERS_ONLY: Record<Extract<PermissionRefusal, { reason: 'not_community_manager' }>['details']['deed'], string> = {
  escalate: 'Only community managers can escalate.',
  capture_by_hand: 'Only community managers can send other people’s messages to Liaison.',
  link_identities: 'Only community managers can link member identities.',
  unlink_identity: 'Only community managers can unlink member identities.',
};

/** "Only members of Support can resolve this." */
export function permissionWords(refusal: PermissionRefusal): string {
  switch (refusal.reason) {
    case 'not_team_member': return `Only members of ${refusal.details.teamName} can ${TEAM_DEED[refusal.details.doing]}.`;
    case 'not_merge_team': return `Only community managers, or members of a team that has all of them, can merge ${refusal.details.items.map((id) => `#${id}`).join(' and ')}.`;
    case 'not_community_manager': return MANAGERS_ONLY[refusal.details.deed];
  }
}

const PERIOD_PROBLEM = {
  too_long: (given: string, maxYears: number) => `"${given}" is longer than ${maxYears} years.`,
  reversed: (given: string) => `"${given}" ends before it starts.`,
  unparsed: (given: string) => `"${given}" is not a period.`,
};

export function refusalWords(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'not_team_member':
    case 'not_merge_team':
    case 'not_community_manager':
      return permissionWords(refusal);
    case 'not_a_category':
    case 'bad_label_map':
    case 'no_label_column':
    case 'missing_columns':
    case 'csv_problems':
    case 'no_rows':
    case 'too_few_teams':
    case 'not_a_model':
    case 'unknown_model':
    case 'unusable_model':
      return modelRefusalWords(refusal);
    case 'unknown_team': return `There is no team called "${refusal.details.team}".`;
    case 'unknown_community': {
      const { community, known } = refusal.details;
      return `There is no community called "${community}".${known ? ` Known: ${known.join(', ')}.` : ''}`;
    }
    case 'community_needed': return 'Say which community this feedback comes from.';
    case 'not_a_source': return `${refusal.details.platform} ${refusal.details.id} is not a feedback source in the config.`;
    case 'no_text': return 'The feedback has no text once invisible characters are removed.';
    case 'unknown_item': return `There is no item #${refusal.details.itemId}.`;
    case 'unknown_items': return `There is no item ${refusal.details.itemIds.map((id) => `#${id}`).join(', ')}.`;
    case 'unknown_routing': return `There is no routing ${refusal.details.routingId}.`;
    case 'unknown_member': return `There is no member #${refusal.details.memberId}.`;
    case 'unseen_identity': return `Liaison has not seen ${refusal.details.platform} user ${refusal.details.id} yet.`;
    case 'unknown_delivery': return `There is no webhook event with delivery id ${refusal.details.deliveryId}.`;
    case 'not_a_card': return 'This message is not a Liaison card.';
    case 'not_feedback': return 'That message is not feedback Liaison has captured, nor one of its cards.';
    case 'item_not_yours': return `Item #${refusal.details.itemId} was not routed to any of your teams.`;
    case 'inbox_not_your_team': return `You see the inbox of your own teams only, and you are not in ${refusal.details.teamName}.`;
    case 'nothing_to_undo': return 'There is nothing of yours to undo here.';
    case 'too_late': return tooLateWords(refusal.details);
    case 'already_with_team': return 'It is already with this team.';
    case 'team_has_item': return `${refusal.details.teamName} already has this item.`;
    case 'escalation_needs_team': return 'Say which team to escalate to: this item is with several teams or none.';
    case 'snooze_closed': return 'It is closed already: there is nothing to snooze.';
    case 'same_item': return 'Those are already the same item.';
    case 'issue_on_closed_card': return 'This card is closed: reopen it first to give it an issue.';
    case 'bad_issue_ref': return `"${refusal.details.ref.slice(0, 100)}" is not ${expectedRef(refusal.details.tracker, refusal.details.place)}.`;
    case 'no_tracker': return `${refusal.details.teamName} has no issue tracker in the config.`;
    case 'issue_linked': return `This card already has ${TRACKER_NAME[refusal.details.tracker]} issue ${refusal.details.issue}.`;
    case 'issue_pending': return refusal.details.issue ? `${refusal.details.issue} is being linked already.` : `An issue is being created in ${refusal.details.place} already.`;
    case 'no_member_feedback': return 'Liaison has no feedback from that member.';
    case 'several_members': return `Several members match: ${refusal.details.matches.join(', ')}. Name one by platform ID.`;
    case 'already_linked': return `${refusal.details.names.join(' and ')} are already linked as one person.`;
    case 'not_linked': return `${refusal.details.name} (${refusal.details.platform}) is not linked to anyone.`;
    case 'delivery_not_failed': return `Delivery ${refusal.details.deliveryId} is ${refusal.details.status}, not failed: there is nothing to replay.`;
    case 'bad_period': {
      const { given, reason, maxYears, accepted } = refusal.details;
      return `${PERIOD_PROBLEM[reason](given, maxYears)} Write one of: ${accepted.join(', ')}.`;
    }
  }
}

/**
 * "You cannot resolve this now: Priya (Product) already resolved it at 14:02 UTC": the loser of a race learns who
 * won. Someone who clicks again on what they did themselves is told so ("You already took this"), not told about
 * themselves by name.
 */
function tooLateWords(details: { action: string; undoing?: string; last?: LastStep }): string {
  const { action, undoing, last } = details;
  const lead = undoing ? `It has changed since you ${PAST_TENSE[undoing]} it` : `You cannot ${IMPERATIVE[action]} this now`;
  if (!last) return `${lead}.`;
  const detail = last.kind === 'pass_on' ? ` to ${last.toTeamName ?? ''}` : '';
  const at = `at ${last.at.slice(11, 16)} UTC`;
  const who = `${last.by}${last.teamName ? ` (${last.teamName})` : ''}`;
  if (undoing) return `${lead}: ${last.mine ? 'you' : who} ${PAST_TENSE[last.kind]} it${detail} ${at}.`;
  return last.mine ? `You already ${PAST_TENSE[last.kind]} this${detail} ${at}.` : `${lead}: ${who} already ${PAST_TENSE[last.kind]} it${detail} ${at}.`;
}

/** What a reference to an issue looks like in the team's tracker. */
function expectedRef(tracker: 'github' | 'linear' | 'jira', place: string): string {
  switch (tracker) {
    case 'github': return `an issue of ${place}: its URL, #number or ${place}#number`;
    case 'linear': return `a Linear issue of team ${place}: its URL or a key such as ${place}-123`;
    case 'jira': return `a Jira issue of project ${place}: its URL or a key such as ${place}-7`;
  }
}
