import { ComponentType, MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { correctRouting } from '../../../core/correct-routing.js';
import { DomainError } from '../../../core/errors.js';
import { cleanInbound } from '../../../core/inert-text.js';
import { recordAction } from '../../../core/record-action.js';
import { MODAL_FIELDS, parseCardCustomId, parseMergeCustomId } from '../custom-ids.js';
import { teamTracker } from '../../../core/trackers/enqueue-issue-request.js';
import { TRACKER_NAME, trackerPlace } from '../../../core/trackers/issue-link.js';
import { issueRefExample } from '../../../core/trackers/issue-ref.js';
import { requestIssue } from '../../../core/trackers/request-issue.js';
import { mergeDuplicates } from '../../../core/merge-duplicates.js';
import { routings } from '../../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { mergedReply } from '../commands/handlers/liaison-members.js';
import { declineModal, linkIssueModal, passOnModal } from './card-modals.js';
import { actorOfInteraction, interactionKey, teamName, type InteractionDeps, type Reply } from './interaction-deps.js';

/**
 * A click on a card. Decline and Pass on open a modal (which must be the first response); everything else is
 * acknowledged at once with a deferred update, and the card redraws itself through the outbox. A refusal ("already
 * resolved by Sam") is thrown as a DomainError, which the dispatcher shows only to the person who clicked.
 */
export async function onCardButton(deps: InteractionDeps, interaction: ButtonInteraction): Promise<void> {
  const merge = parseMergeCustomId(interaction.customId);
  if (merge) {
    await interaction.deferUpdate();
    const merged = await mergeDuplicates(deps.ctx, { duplicates: merge, actor: actorOfInteraction(deps, interaction), via: 'button' });
    await interaction.followUp({ content: mergedReply(merged), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const id = parseCardCustomId(interaction.customId);
  if (!id) {
    await interaction.reply({ content: 'This button is not one of Liaison’s.', flags: MessageFlags.Ephemeral });
    return;
  }
  if (id.verb === 'decline') return interaction.showModal(declineModal(id.routingId));
  if (id.verb === 'pass_on') return interaction.showModal(passOnModal(id.routingId, deps.ctx.config, await routingTeam(deps, id.routingId)));
  if (id.verb === 'link_issue') return interaction.showModal(await issueModal(deps, id.routingId));
  await interaction.deferUpdate();
  const actor = actorOfInteraction(deps, interaction);
  if (id.verb === 'create_issue') {
    await requestIssue(deps.ctx, { routingId: id.routingId, op: 'create', actor, via: 'button', notify: notifyOf(interaction) });
    return;
  }
  if (id.verb === 'suggest') {
    if (!id.team) throw new DomainError('invalid_input', 'This suggestion names no team.');
    await correctRouting(deps.ctx, { routingId: id.routingId, team: id.team, actor, via: 'button', idempotencyKey: interactionKey(interaction) });
    return;
  }
  await recordAction(deps.ctx, { routingId: id.routingId, kind: id.verb, actor, via: 'button', idempotencyKey: interactionKey(interaction) });
}

/** The decline or pass-on modal, submitted. */
export async function onCardModal(deps: InteractionDeps, interaction: ModalSubmitInteraction): Promise<Reply> {
  const id = parseCardCustomId(interaction.customId);
  if (!id || (id.verb !== 'decline' && id.verb !== 'pass_on' && id.verb !== 'link_issue')) throw new DomainError('invalid_input', 'This form is not one of Liaison’s.');
  const actor = actorOfInteraction(deps, interaction);
  if (id.verb === 'link_issue') {
    const ref = cleanInbound(interaction.fields.getTextInputValue(MODAL_FIELDS.ref));
    const result = await requestIssue(deps.ctx, { routingId: id.routingId, op: 'link', ref, actor, via: 'modal', notify: notifyOf(interaction) });
    return { content: `Linking ${result.key ?? ''} to #${result.itemId}; the card shows it in a moment.` };
  }
  if (id.verb === 'decline') {
    const reason = cleanInbound(interaction.fields.getTextInputValue(MODAL_FIELDS.reason));
    const result = await recordAction(deps.ctx, { routingId: id.routingId, kind: 'decline', reason, actor, via: 'modal', idempotencyKey: interactionKey(interaction) });
    return { content: `Declined for ${teamName(deps, result.team)}. The card and its thread show your reason.` };
  }
  const field = interaction.fields.getField(MODAL_FIELDS.team);
  const chosen = field.type === ComponentType.TextInput ? field.value : 'values' in field ? field.values[0] : undefined;
  const toTeam = typeof chosen === 'string' ? chosen.trim() : undefined;
  if (!toTeam) throw new DomainError('invalid_input', 'Choose the team to pass it on to.');
  const note = cleanInbound(interaction.fields.getTextInputValue(MODAL_FIELDS.note)).trim() || undefined;
  await recordAction(deps.ctx, { routingId: id.routingId, kind: 'pass_on', toTeam, reason: note, actor, via: 'modal', idempotencyKey: interactionKey(interaction) });
  return { content: `Passed on to ${teamName(deps, toTeam)}. They have a card of their own now.` };
}

/** Told privately on the card if the tracker refuses: an ephemeral follow-up while the interaction's token lasts. */
function notifyOf(interaction: ButtonInteraction | ModalSubmitInteraction) {
  const until = new Date(interaction.createdTimestamp + 14 * 60_000).toISOString();
  return { platform: 'discord' as const, userId: interaction.user.id, channelId: interaction.channelId ?? interaction.user.id, interaction: { applicationId: interaction.applicationId, token: interaction.token, until } };
}

/** The team a card belongs to, for the forms it opens. */
async function routingTeam(deps: InteractionDeps, routingId: number): Promise<string> {
  const [routing] = await deps.ctx.db.select({ team: routings.teamId }).from(routings).where(eq(routings.id, routingId));
  if (!routing) throw new DomainError('not_found', 'This card’s routing is gone.');
  return routing.team;
}

async function issueModal(deps: InteractionDeps, routingId: number) {
  const tracker = teamTracker(deps.ctx, await routingTeam(deps, routingId));
  return linkIssueModal(routingId, `${TRACKER_NAME[tracker.kind]} ${trackerPlace(tracker)}`, issueRefExample(tracker));
}
