import { whyNot } from '../../../core/access-rules.js';
import type { App } from '@slack/bolt';
import { escalateModal } from '../capture-escalate-modals.js';
import { LIAISON_HELP, parseEscalateCommand, parseFeedbackCommand } from '../command-text.js';
import { GENERIC_FAILURE, intake, tell, type SlackDeps } from '../slack-deps.js';
import { tokens } from '../slack-text.js';
import { runCommand, COMMAND_KIND, type StoredCommand } from './command-handlers.js';
import { runQuery } from './query-commands.js';
import { tellWebLink } from './web-link-listener.js';
import { permissionWords } from '../../../delivery/error-words.js';

/** Sub-commands that change something are stored before the acknowledgement; questions are just answered. */
const CHANGES = new Set(['digest', 'snooze', 'merge', 'link', 'unlink']);

/**
 * `/feedback`, `/escalate` and `/liaison`. Each is acknowledged at once: with usage help when the text cannot be
 * understood, otherwise with nothing, and the answer follows through the command's response_url.
 */
export function registerCommandListeners(app: App, deps: SlackDeps): void {
  deps.handlers.set(COMMAND_KIND, (p) => runCommand(deps, p as unknown as StoredCommand));
  const stored = (c: { command: string; text: string; user_id: string; user_name: string; channel_id: string; response_url: string; trigger_id: string }): StoredCommand =>
    ({ command: c.command, text: c.text, user: c.user_id, userName: c.user_name, channel: c.channel_id, responseUrl: c.response_url, triggerId: c.trigger_id });
  const store = async (command: StoredCommand, ack: (text?: string) => Promise<void>) => {
    try {
      await intake(deps, { key: `slack:command:${command.triggerId}`, kind: COMMAND_KIND, payload: { ...command } });
      await ack();
    } catch (error) {
      deps.logger.error({ err: error, command: command.command }, 'slack command could not be stored');
      await ack(GENERIC_FAILURE);
    }
  };

  app.command('/feedback', async ({ ack, command }) => {
    const parsed = parseFeedbackCommand(command.text, deps.ctx.config);
    if ('error' in parsed) return ack(parsed.error);
    await store(stored(command), ack);
  });

  app.command('/escalate', async ({ ack, command }) => {
    const args = parseEscalateCommand(command.text, deps.ctx.config);
    if (args.ref && args.reason) return store(stored(command), ack);
    await ack();
    deps.work.run('open escalate modal', async () => {
      const actor = await deps.directory.actor(command.user_id);
      // The core refuses non-managers on submit as well; this spares them the form.
      const refusal = whyNot(deps.ctx.config, actor, { kind: 'escalate' });
      if (refusal) return tell(deps, { user: command.user_id, responseUrl: command.response_url }, `:no_entry: ${permissionWords(refusal)}`);
      await deps.client.views.open({ trigger_id: command.trigger_id, view: escalateModal({ ...args, channel: command.channel_id }, deps.ctx.config) as never });
    });
  });

  app.command('/liaison', async ({ ack, command }) => {
    const [sub = 'help'] = tokens(command.text);
    if (sub === 'help' || !['status', 'history', 'digest', 'snooze', 'merge', 'link', 'unlink', 'web'].includes(sub)) return ack(LIAISON_HELP);
    if (sub === 'web') {
      // Nothing is stored: a link is for now, and asking again simply gives another.
      await ack();
      deps.work.run('liaison web', () => tellWebLink(deps, { user: command.user_id, channel: command.channel_id, responseUrl: command.response_url }));
      return;
    }
    if (CHANGES.has(sub) && !(sub === 'digest' && /--preview\b/.test(command.text))) return store(stored(command), ack);
    await ack();
    deps.work.run(`liaison ${sub}`, () => runQuery(deps, stored(command)));
  });
}
