import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { registerAppHomeListener } from './app-home-listener.js';
import { registerCardActionListener } from './card-action-listener.js';
import { registerCommandListeners } from './command-listeners.js';
import { registerMessageListener } from './message-listener.js';
import { registerModalListeners } from './modal-listeners.js';
import { registerReactionListener } from './reaction-listener.js';
import { registerWebLinkListener } from './web-link-listener.js';

/** Every Slack listener, each of which also registers the handler that processes (and re-processes) its events. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerMessageListener(app, deps);
  registerReactionListener(app, deps);
  registerCardActionListener(app, deps);
  registerModalListeners(app, deps);
  registerCommandListeners(app, deps);
  registerAppHomeListener(app, deps);
  registerWebLinkListener(app, deps);
}
