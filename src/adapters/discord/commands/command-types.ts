import { cleanInbound } from '../../../core/inert-text.js';
import { ApplicationCommandOptionType, type ApplicationCommandType, type ChatInputCommandInteraction, type User } from 'discord.js';

/**
 * Command definitions are plain data, written `as const`: the CLI registers them as they are, and the handlers'
 * argument types are derived from them, so a renamed or newly required option is a type error in its handler.
 */
export interface OptionDefinition {
  readonly type: ApplicationCommandOptionType;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly max_length?: number;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly options?: readonly OptionDefinition[];
}

export interface ChatInputDefinition {
  readonly type: ApplicationCommandType.ChatInput;
  readonly name: string;
  readonly description: string;
  readonly contexts?: readonly number[];
  readonly options?: readonly OptionDefinition[];
}

export interface MessageMenuDefinition {
  readonly type: ApplicationCommandType.Message;
  readonly name: string;
  readonly contexts?: readonly number[];
}

export type CommandDefinition = ChatInputDefinition | MessageMenuDefinition;

type ValueOf<O extends OptionDefinition> =
  O['type'] extends ApplicationCommandOptionType.String ? (O['choices'] extends readonly { value: infer V }[] ? V : string)
  : O['type'] extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number ? number
  : O['type'] extends ApplicationCommandOptionType.Boolean ? boolean
  : O['type'] extends ApplicationCommandOptionType.User ? User
  : never;

type OptionArgs<Options extends readonly OptionDefinition[]> = {
  [O in Options[number] as O['name']]: O['required'] extends true ? ValueOf<O> : ValueOf<O> | undefined;
};

type Subcommand = OptionDefinition & { readonly type: ApplicationCommandOptionType.Subcommand };
type SubcommandArgs<Options extends readonly OptionDefinition[]> = {
  [S in Extract<Options[number], Subcommand> as S['name']]: { subcommand: S['name']; args: OptionArgs<S['options'] extends readonly OptionDefinition[] ? S['options'] : []> };
}[Extract<Options[number], Subcommand>['name']];

/** The arguments a handler receives: option values by name, or `{ subcommand, args }` for a command with subcommands. */
export type ArgsOf<D extends ChatInputDefinition> = D['options'] extends readonly OptionDefinition[]
  ? Extract<D['options'][number], Subcommand> extends never ? OptionArgs<D['options']> : SubcommandArgs<D['options']>
  : Record<string, never>;

/** Reads an interaction's options as the definition describes them. */
export function readArgs<D extends ChatInputDefinition>(definition: D, interaction: ChatInputCommandInteraction): ArgsOf<D> {
  const options = definition.options ?? [];
  if (options.some((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
    const subcommand = interaction.options.getSubcommand(true);
    const sub = options.find((o) => o.name === subcommand);
    return { subcommand, args: readOptions(sub?.options ?? [], interaction) } as ArgsOf<D>;
  }
  return readOptions(options, interaction) as ArgsOf<D>;
}

function readOptions(options: readonly OptionDefinition[], interaction: ChatInputCommandInteraction): Record<string, unknown> {
  const read = (o: OptionDefinition) => {
    switch (o.type) {
      // NUL and other invisible controls cannot be stored and only hide text: gone at the edge.
      case ApplicationCommandOptionType.String: return cleanInbound(interaction.options.getString(o.name) ?? '').trim() || undefined;
      case ApplicationCommandOptionType.Integer: return interaction.options.getInteger(o.name) ?? undefined;
      case ApplicationCommandOptionType.Number: return interaction.options.getNumber(o.name) ?? undefined;
      case ApplicationCommandOptionType.Boolean: return interaction.options.getBoolean(o.name) ?? undefined;
      case ApplicationCommandOptionType.User: return interaction.options.getUser(o.name) ?? undefined;
      default: return undefined;
    }
  };
  return Object.fromEntries(options.map((o) => [o.name, read(o)]));
}
