import buttonTemplate from '../../fixtures/discord/interaction_message_component_button.json' with { type: 'json' };
import chatTemplate from '../../fixtures/discord/interaction_application_command_chat_input.json' with { type: 'json' };
import messageCommandTemplate from '../../fixtures/discord/interaction_application_command_message.json' with { type: 'json' };
import messageTemplate from '../../fixtures/discord/message_object_example.json' with { type: 'json' };
import reactionTemplate from '../../fixtures/discord/message_reaction_add_3.json' with { type: 'json' };
import { APPLICATION_ID, GUILD_ID, ROLE, type FakeMessage, type FakeState, type Json } from './fake-state.js';

/** People in the test guild, by what they may do. */
export const PEOPLE = {
  ann: { user: { id: '800000000000000001', username: 'maker_ann', global_name: 'Ann' }, roles: [] as string[] },
  ben: { user: { id: '800000000000000002', username: 'maker_ben', global_name: 'Ben' }, roles: [] as string[] },
  sam: { user: { id: '800000000000000011', username: 'sam_support', global_name: 'Sam' }, roles: [ROLE.support] },
  sid: { user: { id: '800000000000000012', username: 'sid_support', global_name: 'Sid' }, roles: [ROLE.support] },
  maya: { user: { id: '800000000000000021', username: 'maya_cm', global_name: 'Maya' }, roles: [ROLE.communityManager] },
  olive: { user: { id: '800000000000000031', username: 'olive_sales', global_name: 'Olive' }, roles: [] as string[] },
} as const;
export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const clone = <T>(value: T): T => structuredClone(value) as T;
const memberOf = (p: Person) => ({ user: { ...p.user, discriminator: '0', avatar: null }, roles: [...p.roles], nick: null, joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, pending: false, premium_since: null, flags: 0, avatar: null, permissions: '2248473465835073' });

export function registerPeople(state: FakeState): void {
  for (const p of Object.values(PEOPLE)) state.addMember(p.user, [...p.roles]);
}

/** A community member's message, stored in the fake and shaped as MESSAGE_CREATE sends it. */
export function userMessage(state: FakeState, channelId: string, author: Person, content: string, extra: Partial<FakeMessage> = {}): FakeMessage & Json {
  // The documented example supplies the shape; identity, place and time are this message's own.
  const { reactions: _r, id: _i, channel_id: _c, timestamp: _t, author: _a, ...template } = clone(messageTemplate);
  const stored = state.addMessage(channelId, { ...template, ...extra, content, author: { ...author.user, discriminator: '0', avatar: null } });
  return { ...stored, guild_id: GUILD_ID, member: { ...memberOf(author), user: undefined } };
}

/** A forum post: the thread (THREAD_CREATE) and its starter message, which has the thread's ID. */
export function forumPost(state: FakeState, forumId: string, author: Person, title: string, content: string, tags: string[] = []) {
  const id = state.snowflake();
  const thread = state.addChannel({ id, type: 11, guild_id: GUILD_ID, parent_id: forumId, name: title, owner_id: author.user.id, applied_tags: tags, message_count: 0, member_count: 1, rate_limit_per_user: 0, flags: 0, thread_metadata: { archived: false, auto_archive_duration: 4320, locked: false, archive_timestamp: new Date().toISOString() } });
  const starter = userMessage(state, id, author, content, { id });
  return { thread: { ...thread, newly_created: true }, starter };
}

export function reaction(op: 'add' | 'remove', message: { id: string; channel_id: string }, who: Person, emoji: string) {
  const d: Json = { ...clone(reactionTemplate), user_id: who.user.id, message_id: message.id, channel_id: message.channel_id, guild_id: GUILD_ID, emoji: { id: null, name: emoji }, burst: false, type: 0 };
  if (op === 'add') d.member = memberOf(who);
  return d;
}

/** An interaction's envelope; its channel is the partial one Discord sends (a thread's with its parent and metadata). */
function base(state: FakeState, who: Person, channelId: string): Json {
  const id = state.snowflake();
  const known = state.channels.get(channelId);
  const channel = { id: channelId, type: known?.type ?? 0, guild_id: GUILD_ID, name: known?.name, ...(known?.type === 11 ? { parent_id: known.parent_id, thread_metadata: known.thread_metadata } : {}) };
  return { id, application_id: APPLICATION_ID, token: `token-${id}`, version: 1, guild_id: GUILD_ID, channel_id: channelId, channel, member: memberOf(who), locale: 'en-GB', guild_locale: 'en-US', app_permissions: '2248473465835073', entitlements: [], authorizing_integration_owners: { 0: GUILD_ID }, context: 0 };
}

export function buttonClick(state: FakeState, card: FakeMessage, customId: string, who: Person): Json {
  const template = clone(buttonTemplate);
  return { ...template, ...base(state, who, card.channel_id), message: card, data: { custom_id: customId, component_type: 2 } };
}

export function modalSubmit(state: FakeState, card: FakeMessage, customId: string, who: Person, fields: { id: string; value?: string; values?: string[] }[]): Json {
  const components = fields.map((f, i) => ({ type: 18, id: i + 1, component: f.values ? { type: 3, id: i + 10, custom_id: f.id, values: f.values } : { type: 4, id: i + 10, custom_id: f.id, value: f.value ?? '' } }));
  return { ...base(state, who, card.channel_id), type: 5, message: card, data: { custom_id: customId, components } };
}

type CommandOption = { type: number; name: string; value?: unknown; options?: CommandOption[]; focused?: boolean };

export function slashCommand(state: FakeState, name: string, options: CommandOption[], who: Person, channelId: string, resolvedUsers: Person[] = []): Json {
  const template = clone(chatTemplate);
  const resolved = resolvedUsers.length > 0 ? { users: Object.fromEntries(resolvedUsers.map((p) => [p.user.id, { ...p.user, discriminator: '0', avatar: null }])) } : undefined;
  return { ...template, ...base(state, who, channelId), data: { id: state.snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) } };
}

export function autocomplete(state: FakeState, name: string, options: CommandOption[], who: Person, channelId: string): Json {
  return { ...slashCommand(state, name, options, who, channelId), type: 4 };
}

export function messageCommand(state: FakeState, target: FakeMessage, who: Person): Json {
  const template = clone(messageCommandTemplate);
  // The target comes as a REST message object: Discord leaves out guild_id and member (as in its documented example).
  const { guild_id: _g, member: _m, ...resolved } = target;
  return { ...template, ...base(state, who, target.channel_id), data: { id: state.snowflake(), name: 'Send to Liaison', type: 3, target_id: target.id, resolved: { messages: { [target.id]: resolved } } } };
}
