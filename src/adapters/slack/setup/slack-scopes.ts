/** The bot scopes Liaison uses and why: both app manifests ask for exactly these, and `liaison slack check` for them. */
export const SLACK_SCOPES = {
  'channels:history': 'message events in public source channels, reading a captured message, catch-up after downtime',
  'groups:history': 'the same in private channels',
  'reactions:read': 'reactions on cards (acknowledge, take, resolve) and the capture reaction',
  'chat:write': 'cards, card updates, thread logs, replies to authors, digests, private answers',
  'files:write': "the leadership digest's chart image",
  'im:write': 'direct messages (replies by DM, notes to ambassadors)',
  commands: '/feedback, /escalate, /liaison and the "Send to Liaison" shortcut',
  'usergroups:read': 'team and community-manager membership from Slack user groups',
  'users:read': "people's display names",
} as const;

export type SlackScope = keyof typeof SLACK_SCOPES;
