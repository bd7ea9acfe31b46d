import type { LiaisonConfig } from '../../src/config/schema.js';
import type { Db } from '../../src/db/client.js';
import { browserAs } from '../web/web-forms.js';
import { captureNew, discordMessage } from './capture.js';
import { pageWords } from './page-words.js';
import { testContext } from './test-context.js';

/**
 * The start of an item-page test: one Discord message captured as a new item, and a person of the test organisation
 * signed in to the web app (in process) with the item's page at hand: its path, its HTML, or what a reader sees of it.
 */
export async function itemPageAs(db: Db, who: string, text: string, options: { config?: LiaisonConfig } = {}) {
  const ctx = await testContext(db, { config: options.config });
  const item = await captureNew(ctx, discordMessage(text));
  const browser = await browserAs(ctx, who);
  const path = `/items/${item.itemId}`;
  return {
    ctx,
    item,
    browser,
    path,
    page: () => browser.get(path),
    words: async () => pageWords((await browser.get(path)).html),
  };
}
