import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's serious and critical findings on the page as it stands, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n: { target: unknown[] }) => `${v.id}: ${n.target.join(' ')}`));
}
