import type { LiaisonConfig } from '../../config/schema.js';
import { excerpt } from '../../core/inert-text.js';
import { assertModal, type ModalView } from './block-kit-limits.js';
import { section } from './blocks.js';
import { categoryOptions, communityOptions, modalText, selectInput, teamOptions, textInput, VIEW } from './modal-parts.js';
import { quote } from './mrkdwn.js';

/** The message being sent to Liaison, and where to tell the person what happened. */
export interface CaptureModalMetadata { channel: string; ts: string; community?: string }

/** "Send to Liaison": who should have it (or let Liaison route it), what it is, and a note for the team. */
export function captureModal(meta: CaptureModalMetadata, text: string, config: LiaisonConfig): ModalView {
  return assertModal({
    type: 'modal',
    callback_id: VIEW.capture,
    title: modalText('Send to Liaison', 24),
    submit: modalText('Send', 24),
    close: modalText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      section(quote(excerpt(text || '(no text)', 600))),
      ...(meta.community ? [] : [selectInput('community', 'Which community is this from?', communityOptions(config))]),
      selectInput('team', 'Send to', teamOptions(config), { optional: true, placeholder: 'Let Liaison route it' }),
      selectInput('category', 'What is it?', categoryOptions(), { optional: true, placeholder: 'Let Liaison tell' }),
      textInput('note', 'Note for the team', { optional: true, multiline: true, maxLength: 1000 }),
    ],
  });
}

export interface EscalateDraft { item?: string; team?: string; priority?: 'high' | 'urgent'; reason?: string; channel: string }

/** `/escalate` without everything it needs asks for the rest. */
export function escalateModal(draft: EscalateDraft, config: LiaisonConfig): ModalView {
  const priorities = [{ text: modalText('High', 75), value: 'high' }, { text: modalText('Urgent', 75), value: 'urgent' }];
  return assertModal({
    type: 'modal',
    callback_id: VIEW.escalate,
    title: modalText('Escalate feedback', 24),
    submit: modalText('Escalate', 24),
    close: modalText('Cancel', 24),
    private_metadata: JSON.stringify({ channel: draft.channel }),
    blocks: [
      textInput('item', 'Item number or message link', { initial: draft.item, maxLength: 500 }),
      selectInput('team', 'Team', teamOptions(config), { optional: true, initial: draft.team, placeholder: 'The team that has it' }),
      selectInput('priority', 'Priority', priorities, { initial: draft.priority ?? 'high' }),
      textInput('reason', 'Why now?', { multiline: true, initial: draft.reason, maxLength: 1000 }),
    ],
  });
}
