import { LabelBuilder, ModalBuilder, StringSelectMenuBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { LiaisonConfig } from '../../../config/schema.js';
import { cardCustomId, MODAL_FIELDS } from '../custom-ids.js';

const MAX_SELECT_OPTIONS = 25;

/** Declining needs a reason: the author may be told it, and the digest counts declines by reason. */
export function declineModal(routingId: number): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(cardCustomId('decline', routingId))
    .setTitle('Decline this feedback')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Why not?')
        .setDescription('The author may be told this, so write it for them.')
        .setTextInputComponent(new TextInputBuilder().setCustomId(MODAL_FIELDS.reason).setStyle(TextInputStyle.Paragraph).setRequired(true).setMinLength(3).setMaxLength(1000)),
    );
}

/**
 * Passing on names the team and, optionally, a note for them. The card's own team is not offered (it already has
 * the item). Past 25 teams the team is typed instead of chosen.
 */
export function passOnModal(routingId: number, config: LiaisonConfig, ownTeam: string): ModalBuilder {
  const teams = Object.entries(config.teams).filter(([key]) => key !== ownTeam);
  const team = new LabelBuilder().setLabel('Pass it on to');
  if (teams.length <= MAX_SELECT_OPTIONS) {
    team.setStringSelectMenuComponent(
      new StringSelectMenuBuilder()
        .setCustomId(MODAL_FIELDS.team)
        .setMinValues(1)
        .setMaxValues(1)
        .addOptions(teams.map(([key, t]) => ({ label: (t.name ?? key).slice(0, 100), value: key }))),
    );
  } else {
    team.setDescription(`A team key: ${teams.map(([key]) => key).join(', ')}`.slice(0, 100));
    team.setTextInputComponent(new TextInputBuilder().setCustomId(MODAL_FIELDS.team).setStyle(TextInputStyle.Short).setRequired(true).setMaxLength(40));
  }
  return new ModalBuilder()
    .setCustomId(cardCustomId('pass_on', routingId))
    .setTitle('Pass this feedback on')
    .addLabelComponents(
      team,
      new LabelBuilder()
        .setLabel('Note for them')
        .setTextInputComponent(new TextInputBuilder().setCustomId(MODAL_FIELDS.note).setStyle(TextInputStyle.Paragraph).setRequired(false).setMaxLength(1000)),
    );
}

/** Link issue: the URL or key of an issue in the team's tracker. */
export function linkIssueModal(routingId: number, where: string, example: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(cardCustomId('link_issue', routingId))
    .setTitle('Link an issue')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel(`Issue in ${where}`.slice(0, 45))
        .setDescription(`For example ${example}`.slice(0, 100))
        .setTextInputComponent(new TextInputBuilder().setCustomId(MODAL_FIELDS.ref).setStyle(TextInputStyle.Short).setRequired(true).setMaxLength(500)),
    );
}
