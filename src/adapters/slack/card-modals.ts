import type { LiaisonConfig } from '../../config/schema.js';
import { assertModal, type ModalView } from './block-kit-limits.js';
import { section } from './blocks.js';
import { modalText, selectInput, teamOptions, textInput, VIEW } from './modal-parts.js';

/** What a card's modal remembers about the click that opened it. */
export interface CardModalMetadata { routingId: number; team: string; channel: string; messageTs: string }

/** Declining needs a reason: it is shown on the card, logged in its thread and told to the author. */
export function declineModal(meta: CardModalMetadata, teamName: string): ModalView {
  return assertModal({
    type: 'modal',
    callback_id: VIEW.decline,
    title: modalText('Decline feedback', 24),
    submit: modalText('Decline', 24),
    close: modalText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      section(`${teamName} will not act on this. Say why: the person who gave the feedback is told.`),
      textInput('reason', 'Reason', { multiline: true, maxLength: 1000 }),
    ],
  });
}

export function passOnModal(meta: CardModalMetadata, config: LiaisonConfig): ModalView {
  return assertModal({
    type: 'modal',
    callback_id: VIEW.passOn,
    title: modalText('Pass on feedback', 24),
    submit: modalText('Pass on', 24),
    close: modalText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      selectInput('team', 'Which team should have it?', teamOptions(config, meta.team)),
      textInput('note', 'Note for them', { optional: true, multiline: true, maxLength: 1000 }),
    ],
  });
}

/** Link issue: the issue's URL or key, checked against the team's tracker before the modal closes. */
export function linkIssueModal(meta: CardModalMetadata, where: string, example: string): ModalView {
  return assertModal({
    type: 'modal',
    callback_id: VIEW.linkIssue,
    title: modalText('Link an issue', 24),
    submit: modalText('Link', 24),
    close: modalText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      section(`Attach an existing issue from ${where}. When it is closed there, this card follows.`),
      textInput('ref', 'Issue URL or key', { maxLength: 500, initial: undefined }),
      section(`For example ${example}`),
    ],
  });
}
