import { describe, expect, it } from 'vitest';
import { overriddenHeapFlags } from '../../src/cli/heap-flags.js';

const START = ['--max-old-space-size=1024', '--max-semi-space-size=8'];

describe('a heap bound asked for in NODE_OPTIONS that the start command overrides', () => {
  it('is named, with the value in force and how to change it', () => {
    expect(overriddenHeapFlags(START, '--enable-source-maps --max-old-space-size=2048')).toBe(
      `NODE_OPTIONS' --max-old-space-size=2048 (the start command says 1024) has no effect: Node gives its command line precedence. To change the heap bounds, run node with yours, for example node --max-old-space-size=2048 --max-semi-space-size=16 dist/cli.js start (README "Memory").`,
    );
  });

  it('is recognised in V8\'s underscore spelling too, and both flags are named', () => {
    expect(overriddenHeapFlags(START, '--max_old_space_size=512 --max-semi-space-size=16')).toContain('--max-old-space-size=512 (the start command says 1024) and --max-semi-space-size=16 (the start command says 8) have no effect');
  });

  it('says nothing when NODE_OPTIONS agrees, sets other flags, or the command line sets no bound', () => {
    expect(overriddenHeapFlags(START, '--max-old-space-size=1024')).toBeUndefined();
    expect(overriddenHeapFlags(START, '--enable-source-maps')).toBeUndefined();
    expect(overriddenHeapFlags(START, undefined)).toBeUndefined();
    expect(overriddenHeapFlags([], '--max-old-space-size=2048')).toBeUndefined();
  });
});
