import type { BoundChatCommand, MessageMenuCommand } from '../command-handler.js';
import { escalateHandler } from './escalate.js';
import { feedbackHandler } from './feedback.js';
import { liaisonHandler } from './liaison.js';
import { sendToLiaisonHandler } from './send-to-liaison.js';

export const CHAT_COMMANDS: ReadonlyMap<string, BoundChatCommand> = new Map([feedbackHandler, escalateHandler, liaisonHandler].map((c) => [c.name, c]));
export const MESSAGE_COMMANDS: ReadonlyMap<string, MessageMenuCommand> = new Map([[sendToLiaisonHandler.definition.name, sendToLiaisonHandler]]);
