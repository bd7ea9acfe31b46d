import { describe, expect, it } from 'vitest';
import { digestTeamText } from '../../src/adapters/console/digest-text.js';
import { digestTeamMessages } from '../../src/adapters/discord/presenters/digest-embeds.js';
import { digestTeamBlocks } from '../../src/adapters/slack/digest-blocks.js';
import type { DigestTeamPart } from '../../src/delivery/content.js';

const metrics = { received: 2, acknowledged: 0, resolved: 0, declined: 0, passedOn: 0, medianFirstActionMs: null, medianResolutionMs: null, breaches: { acknowledge: 2, resolve: 0 }, attainment: { acknowledgeDue: 2, acknowledgedInTime: 0, resolveDue: 0, resolvedInTime: 0, medianLatenessMs: 7_200_000 } };
const breach = (itemId: number, ladder?: 'leadership') => ({ itemId, routingId: itemId, team: 'support', target: 'acknowledge', dueAt: '2026-11-10T10:00:00.000Z', lateByMs: 7_200_000, text: `Item ${itemId}`, permalink: null, ...(ladder ? { ladder } : {}) });
const part = { team: 'support', name: 'Support', metrics, previous: metrics, period: '2026-W46', breaches: [breach(7, 'leadership'), breach(8)] } as unknown as DigestTeamPart;

describe('a breach that climbed the whole ladder', () => {
  it('is marked as escalated to leadership in the digest on every platform, and only that one', () => {
    const drawn = {
      console: digestTeamText(part).join('\n'),
      slack: JSON.stringify(digestTeamBlocks(part)),
      discord: JSON.stringify(digestTeamMessages(part)),
    };
    for (const [platform, text] of Object.entries(drawn)) {
      expect(text.match(/escalated to leadership/g), platform).toHaveLength(1);
      expect(text.indexOf('escalated to leadership'), platform).toBeLessThan(text.indexOf('Item 8'));
    }
  });
});
