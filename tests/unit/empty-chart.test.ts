import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSvg } from '../../src/adapters/charts/render-svg.js';

describe('a chart of an empty week', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is drawn without warning on the console (nothing to count is a normal state, not a fault)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const svg = await renderSvg({ data: { values: [] }, mark: 'bar', encoding: { x: { field: 'week', type: 'ordinal' }, y: { field: 'items', type: 'quantitative' } } });
    expect(svg).toMatch(/^<svg/);
    expect(warn).not.toHaveBeenCalled();
  });
});
