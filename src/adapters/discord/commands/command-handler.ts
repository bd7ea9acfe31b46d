import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { InteractionDeps, Reply } from '../interactions/interaction-deps.js';
import { readArgs, type ArgsOf, type ChatInputDefinition, type MessageMenuDefinition } from './command-types.js';

/** A slash command's handler, its arguments typed from its definition. */
export interface ChatCommand<D extends ChatInputDefinition> {
  definition: D;
  run(deps: InteractionDeps, interaction: ChatInputCommandInteraction, args: ArgsOf<D>): Promise<Reply>;
}

export interface MessageMenuCommand {
  definition: MessageMenuDefinition;
  run(deps: InteractionDeps, interaction: MessageContextMenuCommandInteraction): Promise<Reply>;
}

/** What the dispatcher holds: a handler whose arguments are read from its own definition. */
export interface BoundChatCommand {
  name: string;
  execute(deps: InteractionDeps, interaction: ChatInputCommandInteraction): Promise<Reply>;
}

export function chatCommand<D extends ChatInputDefinition>(command: ChatCommand<D>): BoundChatCommand {
  return {
    name: command.definition.name,
    execute: (deps, interaction) => command.run(deps, interaction, readArgs(command.definition, interaction)),
  };
}
