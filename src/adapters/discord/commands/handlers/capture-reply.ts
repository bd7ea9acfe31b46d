import type { CaptureResult } from '../../../../core/capture-feedback.js';
import { teamName, type InteractionDeps, type Reply } from '../../interactions/interaction-deps.js';

/** What the person who captured something is told: its number, and where it went. */
export function captureReply(deps: InteractionDeps, result: CaptureResult): Reply {
  switch (result.status) {
    case 'created': {
      const teams = result.routings.map((r) => teamName(deps, r.team));
      return { content: `Captured as **#${result.itemId}**${teams.length > 0 ? ` and sent to ${teams.join(', ')}` : ', but no team is routed it yet'}.` };
    }
    case 'duplicate':
      return { content: `Liaison already has this as **#${result.itemId}**.` };
    case 'ignored':
      return { content: 'This reads like chatter (thanks, greetings), so it was not captured. Use `/feedback` with a team to send it anyway.' };
  }
}
