import { describe, expect, it } from 'vitest';
import { LiaisonConfig } from '../../src/config/schema.js';
import { TEST_CONFIG_INPUT, testConfig } from '../helpers/test-config.js';

describe('burst condensing in the config', () => {
  it('is on for every team by default, above a minute of the platforms\' pace (60 cards)', () => {
    const config = testConfig();
    expect(config.teams.product?.condense).toEqual({ enabled: true, threshold: 60 });
  });

  it('names the setting when a threshold makes no sense, along with any other mistake', () => {
    const input = structuredClone(TEST_CONFIG_INPUT) as Record<string, unknown> & { teams: Record<string, Record<string, unknown>> };
    input.teams.product!.condense = { threshold: 1 };
    input.teams.sales!.condense = { enabled: 'yes' };
    const result = LiaisonConfig.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['teams.product.condense.threshold', 'teams.sales.condense.enabled']));
  });
});
