import type { CaptureResult } from '../../../../core/capture-feedback.js';
import { captureSentence } from '../../../../delivery/capture-words.js';
import { safeText } from '../../discord-text.js';
import { teamName, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';

/** What the person who captured something is told: its number, and where it went. */
export function captureReply(deps: InteractionDeps, result: CaptureResult): Reply {
  const said = captureSentence(result, { team: (team) => safeText(teamName(deps, team)), number: (id) => `**#${id}**` });
  // Only a message picked up from a channel can be skipped as chatter; /feedback sends it anyway.
  return { content: result.status === 'ignored' ? `${said} Use \`/feedback\` with a team to send it anyway.` : said };
}
