import type { CommandDefinition } from '../command-types.js';
import { EscalateCommand } from './escalate.js';
import { FeedbackCommand } from './feedback.js';
import { LiaisonCommand } from './liaison.js';
import { SendToLiaisonCommand } from './send-to-liaison.js';

/** Every command Liaison registers; `liaison discord register` sends exactly these. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [FeedbackCommand, EscalateCommand, LiaisonCommand, SendToLiaisonCommand];

export { EscalateCommand, FeedbackCommand, LiaisonCommand, SendToLiaisonCommand };
