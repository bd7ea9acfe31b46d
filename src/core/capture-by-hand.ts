import { requirePermission } from './access-rules.js';
import type { Actor } from './actor.js';
import { captureFeedback, type CaptureInput, type CaptureResult } from './capture-feedback.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';

export type CaptureByHandInput = CaptureInput & { capturedBy: Actor; via: 'reaction' | 'shortcut' | 'command' | 'web' };

/**
 * A community manager sends someone else's message to Liaison (a capture reaction, "Send to Liaison", `/feedback`
 * on someone's behalf, the web app's capture form). In a public community anyone can react or open a message menu, so only community managers
 * may speak for another member; everything else is ordinary capture.
 */
export async function captureByHand(ctx: Context, input: CaptureByHandInput): Promise<CaptureResult> {
  if (!input.capturedBy) throw new DomainError('not_permitted', { reason: 'not_community_manager', details: { deed: 'capture_by_hand' } });
  requirePermission(ctx.config, input.capturedBy, { kind: 'capture_by_hand' });
  return captureFeedback(ctx, input);
}
