/**
 * Request bodies shaped like Slack's (see tests/fixtures/slack/SOURCE.md for the fixtures they follow), with the
 * test organisation's IDs. Each builder takes only what a test varies.
 */
let counter = 0;
const nextId = () => `${Date.now().toString(36)}${(counter += 1)}`;

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${nextId()}`): Record<string, unknown> {
  return { token: 'legacy', team_id: 'T0TEST', api_app_id: 'A0LIAISON', event, type: 'event_callback', authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }], event_id: eventId, event_time: 1_763_301_540 };
}

export function messageEvent(fields: { channel: string; ts: string; user?: string; text: string; thread_ts?: string; subtype?: string; bot_id?: string; user_profile?: Record<string, string> }): Record<string, unknown> {
  return { type: 'message', user: 'U0CUST', channel_type: 'channel', event_ts: fields.ts, ...fields };
}

export function reactionEvent(type: 'reaction_added' | 'reaction_removed', fields: { user: string; reaction: string; channel: string; ts: string; eventTs: string }): Record<string, unknown> {
  return { type, user: fields.user, reaction: fields.reaction, item_user: 'UBOT', item: { type: 'message', channel: fields.channel, ts: fields.ts }, event_ts: fields.eventTs };
}

export function blockAction(fields: { user: string; channel: string; messageTs: string; actionId: string; value: string; responseUrl: string; actionTs?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0LIAISON',
    token: 'legacy',
    container: { type: 'message', message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false },
    trigger_id: `${nextId()}.trigger`,
    team: { id: 'T0TEST', domain: 'testco' },
    channel: { id: fields.channel, name: 'team' },
    message: { type: 'message', ts: fields.messageTs, text: 'card', user: 'UBOT' },
    response_url: fields.responseUrl,
    actions: [{ action_id: fields.actionId, block_id: 'card', text: { type: 'plain_text', text: 'Button' }, value: fields.value, type: 'button', action_ts: fields.actionTs ?? `${Date.now() / 1000}${counter++}` }],
  };
}

export function viewSubmission(fields: { user: string; callbackId: string; privateMetadata: string; values: Record<string, string>; viewId?: string }): Record<string, unknown> {
  const state = Object.fromEntries(Object.entries(fields.values).map(([block, value]) => [block, { value: /^(team|category|community|priority)$/.test(block) ? { type: 'static_select', selected_option: { value } } : { type: 'plain_text_input', value } }]));
  return {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'testco' },
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0LIAISON',
    token: 'legacy',
    trigger_id: `${nextId()}.trigger`,
    view: { id: fields.viewId ?? `V${nextId()}`, team_id: 'T0TEST', type: 'modal', callback_id: fields.callbackId, private_metadata: fields.privateMetadata, state: { values: state }, hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [] },
    response_urls: [],
  };
}

export function slashCommand(fields: { command: string; text: string; user: string; channel: string; responseUrl: string }): Record<string, string> {
  return { token: 'legacy', team_id: 'T0TEST', team_domain: 'testco', channel_id: fields.channel, channel_name: 'somewhere', user_id: fields.user, user_name: fields.user.toLowerCase(), command: fields.command, text: fields.text, api_app_id: 'A0LIAISON', response_url: fields.responseUrl, trigger_id: `${nextId()}.trigger` };
}

export function messageShortcut(fields: { user: string; channel: string; ts: string; text: string; author: string; responseUrl: string }): Record<string, unknown> {
  return { type: 'message_action', token: 'legacy', action_ts: `${Date.now() / 1000}`, team: { id: 'T0TEST', domain: 'testco' }, user: { id: fields.user, name: fields.user.toLowerCase() }, channel: { id: fields.channel, name: 'somewhere' }, callback_id: 'send_to_liaison', trigger_id: `${nextId()}.trigger`, message_ts: fields.ts, message: { type: 'message', text: fields.text, user: fields.author, ts: fields.ts }, response_url: fields.responseUrl };
}
