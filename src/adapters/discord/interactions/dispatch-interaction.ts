import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { isDomainError } from '../../../core/errors.js';
import { CHAT_COMMANDS, MESSAGE_COMMANDS } from '../commands/handlers/index.js';
import { autocompleteChoices } from './autocomplete.js';
import { onCardButton, onCardModal } from './card-buttons.js';
import type { InteractionDeps, Reply } from './interaction-deps.js';
import { errorWords } from '../../../delivery/error-words.js';

/**
 * The one entry point for interactions. Discord wants an answer within 3 seconds, so every path acknowledges first
 * (a deferred reply, a deferred update or a modal) and works after. Any failure turns the pending reply into an
 * error message — the person never stares at "thinking…" — and is logged with what was being done.
 */
export function createInteractionDispatcher(deps: InteractionDeps) {
  return async function dispatchInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) {
        await interaction.respond(autocompleteChoices(deps.ctx.config, interaction));
      } else if (interaction.isButton()) {
        await onCardButton(deps, interaction);
      } else if (interaction.isModalSubmit()) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await answer(interaction, await onCardModal(deps, interaction));
      } else if (interaction.isChatInputCommand()) {
        const command = CHAT_COMMANDS.get(interaction.commandName);
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        if (!command) throw new Error(`no handler for /${interaction.commandName}`);
        await answer(interaction, await command.execute(deps, interaction));
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = MESSAGE_COMMANDS.get(interaction.commandName);
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        if (!command) throw new Error(`no handler for "${interaction.commandName}"`);
        await answer(interaction, await command.run(deps, interaction));
      }
    } catch (error) {
      await fail(deps, interaction, error);
    }
  };
}

function answer(interaction: RepliableInteraction, reply: Reply) {
  return interaction.editReply({ content: reply.content ?? '', embeds: reply.embeds ?? [], allowedMentions: { parse: [] } });
}

/** Expected refusals are shown as they are; anything else is logged and shown as a short message with a reference. */
async function fail(deps: InteractionDeps, interaction: Interaction, error: unknown): Promise<void> {
  const context = { interactionId: interaction.id, type: interaction.type, user: interaction.user.id, guild: interaction.guildId, what: describe(interaction) };
  let text: string;
  if (isDomainError(error)) {
    text = errorWords(error);
    deps.logger.info({ ...context, code: error.code, reason: text }, 'discord interaction refused');
  } else {
    const ref = randomBytes(3).toString('hex');
    deps.logger.error({ ...context, ref, err: error }, 'discord interaction failed');
    text = `Something went wrong on our side and it has been logged (ref ${ref}). Please try again in a moment.`;
  }
  if (!interaction.isRepliable()) return;
  try {
    const body = { content: `⚠️ ${text}`, embeds: [], allowedMentions: { parse: [] } };
    if (interaction.isMessageComponent() && (interaction.deferred || interaction.replied)) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    else if (interaction.deferred || interaction.replied) await interaction.editReply(body);
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    deps.logger.warn({ ...context, err: replyError }, 'could not tell the user about a failed interaction');
  }
}

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `command ${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return `component ${interaction.customId}`;
  return 'interaction';
}
