import { describe, expect, it } from 'vitest';
import { assertMessageBlocks, assertModal, BlockKitLimitError } from '../../src/adapters/slack/block-kit-limits.js';
import { section, sectionsFromLines } from '../../src/adapters/slack/blocks.js';
import { passOnModal } from '../../src/adapters/slack/card-modals.js';
import { testConfig } from '../helpers/test-config.js';

describe('Block Kit limits', () => {
  it('refuses what Slack would refuse: 51 blocks, a 76-character button, a 25-character modal title', () => {
    expect(() => assertMessageBlocks(Array.from({ length: 51 }, () => section('x')))).toThrow(BlockKitLimitError);
    expect(() => assertMessageBlocks([{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) }, action_id: 'a', value: '1' }] }])).toThrow(/75/);
    const modal = passOnModal({ routingId: 1, team: 'product', channel: 'C1', messageTs: '1.2' }, testConfig());
    expect(() => assertModal({ ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } })).toThrow(/title/);
  });

  it('breaks a long list between entries, never inside one, and keeps every entry', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• entry ${i} ${'y'.repeat(40)}`);
    const sections = sectionsFromLines(lines);
    const texts = sections.map((s) => (s as { text: { text: string } }).text.text);
    expect(texts.every((t) => t.length <= 3_000)).toBe(true);
    expect(texts.join('\n').split('\n')).toEqual(lines);
  });
});
