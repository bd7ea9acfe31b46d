import type { CaptureResult } from '../core/capture-feedback.js';

/** "Support", "Product and Sales", "Product, Sales and Support". */
export function listWords(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export interface CaptureWordsOptions {
  /** A team's name as shown (escaped for the platform). */
  team: (team: string) => string;
  /** The item's number as shown: bold, or a link. */
  number?: (itemId: number) => string;
}

/**
 * What the person who sent something to Liaison is told (a command, "Send to Liaison", the capture reaction, the
 * web form): its number and where it went. The same sentence on every platform; each styles the number its way.
 */
export function captureSentence(result: CaptureResult, options: CaptureWordsOptions): string {
  const number = options.number ?? ((id: number) => `#${id}`);
  switch (result.status) {
    case 'created': {
      const teams = listWords(result.routings.map((r) => options.team(r.team)));
      return `Captured as ${number(result.itemId)}${teams ? ` and sent to ${teams}` : ', but no team has it yet'}.`;
    }
    case 'duplicate':
      return `Liaison already has this as ${number(result.itemId)}.`;
    case 'ignored':
      return 'This reads like chatter, so it was not captured.';
  }
}
