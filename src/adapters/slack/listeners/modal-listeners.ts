import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import { trackerSettings } from '../../../config/tracker-schema.js';
import { issueRefExample, parseIssueRef } from '../../../core/trackers/issue-ref.js';
import { captureModal, type CaptureModalMetadata } from '../capture-escalate-modals.js';
import { stateValue, VIEW } from '../modal-parts.js';
import { GENERIC_FAILURE, intake, tell, type SlackDeps } from '../slack-deps.js';
import { parseItemReference, plainFromSlack } from '../slack-text.js';
import { CAPTURE_OPEN } from './reaction-listener.js';
import { submitView, VIEW_KIND, type SubmittedView } from './view-submissions.js';

export const SHORTCUT_CALLBACK = 'send_to_liaison';
const INPUTS = ['community', 'team', 'category', 'note', 'reason', 'item', 'priority', 'ref'];

/** "Send to Liaison" (message shortcut), the button under a capture reaction outside a source, and modal submits. */
export function registerModalListeners(app: App, deps: SlackDeps): void {
  deps.handlers.set(VIEW_KIND, (p) => submitView(deps, p as unknown as SubmittedView));

  app.shortcut<MessageShortcut>(SHORTCUT_CALLBACK, async ({ ack, shortcut }) => {
    await ack();
    deps.work.run('open capture modal', async () => {
      const to = { user: shortcut.user.id, channel: shortcut.channel.id, responseUrl: shortcut.response_url };
      if (!shortcut.message.user || shortcut.message.bot_id) {
        await tell(deps, to, 'Liaison captures what people wrote; this message was posted by an app.');
        return;
      }
      const meta: CaptureModalMetadata = { channel: shortcut.channel.id, ts: shortcut.message.ts, community: deps.sources.get(shortcut.channel.id) };
      await deps.client.views.open({ trigger_id: shortcut.trigger_id, view: captureModal(meta, plainFromSlack(shortcut.message.text ?? ''), deps.ctx.config) as never });
    });
  });

  app.action<BlockAction<ButtonAction>>(CAPTURE_OPEN, async ({ ack, body, action }) => {
    await ack();
    deps.work.run('open capture modal', async () => {
      const target = JSON.parse(action.value ?? '{}') as { channel: string; ts: string };
      const message = await deps.messages.fetch(target.channel, target.ts);
      await deps.client.views.open({ trigger_id: body.trigger_id, view: captureModal({ channel: target.channel, ts: target.ts }, plainFromSlack(message?.text ?? ''), deps.ctx.config) as never });
    });
  });

  app.view(/^liaison:/, async ({ ack, body, view }) => {
    const values = Object.fromEntries(INPUTS.map((id) => [id, stateValue(view.state, id)]));
    // What can be checked without the database is checked here, so the modal can point at the field.
    if (view.callback_id === VIEW.escalate && !parseItemReference(values.item ?? '')) {
      await ack({ response_action: 'errors', errors: { item: 'Give an item number such as #42, or a link to the message.' } });
      return;
    }
    if (view.callback_id === VIEW.linkIssue) {
      const problem = issueRefProblem(deps, view.private_metadata, values.ref);
      if (problem) {
        await ack({ response_action: 'errors', errors: { ref: problem } });
        return;
      }
    }
    const submitted: SubmittedView = { callbackId: view.callback_id, viewId: view.id, user: body.user.id, userName: body.user.name, meta: JSON.parse(view.private_metadata || '{}') as Record<string, unknown>, values };
    try {
      await intake(deps, { key: `slack:view:${view.id}`, kind: VIEW_KIND, payload: { ...submitted } });
      await ack();
    } catch (error) {
      deps.logger.error({ err: error, callbackId: view.callback_id }, 'slack modal submit could not be stored');
      await ack({ response_action: 'errors', errors: { [firstInput(view.callback_id)]: GENERIC_FAILURE } });
    }
  });
}

/** A link that names no issue of the team's tracker is pointed out on the field, before the modal closes. */
function issueRefProblem(deps: SlackDeps, metadata: string, ref: string | undefined): string | undefined {
  const team = (JSON.parse(metadata || '{}') as { team?: string }).team ?? '';
  const tracker = deps.ctx.config.teams[team]?.tracker;
  if (!tracker) return undefined;
  const settings = trackerSettings(tracker);
  return ref && parseIssueRef(settings, ref) ? undefined : `Give ${issueRefExample(settings)}.`;
}

function firstInput(callbackId: string): string {
  if (callbackId === VIEW.linkIssue) return 'ref';
  return callbackId === VIEW.decline ? 'reason' : callbackId === VIEW.passOn || callbackId === VIEW.capture ? 'team' : 'item';
}
