import type { CaptureResult } from '../../core/capture-feedback.js';
import { captureSentence } from '../../delivery/capture-words.js';
import { escapeMrkdwn, link } from './mrkdwn.js';
import type { SlackDeps } from './slack-deps.js';

/**
 * Told to the person who sent an existing message to Liaison (the capture reaction, "Send to Liaison"): its number,
 * linked to the item's page, and where it went. Said privately, in the channel where they acted.
 */
export function captureReceiptText(deps: SlackDeps, result: CaptureResult): string {
  const team = (id: string) => escapeMrkdwn(deps.ctx.config.teams[id]?.name ?? id);
  return `:inbox_tray: ${captureSentence(result, { team, number: (id) => link(`${deps.publicUrl}/items/${id}`, `#${id}`) })}`;
}
