/**
 * What a reader sees of a page: its text with tags gone, entities decoded and spaces collapsed. Charts' SVG goes
 * whole (its axis labels would run into the text); each chart's numbers are in a table beside it.
 */
export function pageWords(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A page body (hono JSX, possibly async) as HTML. */
export async function renderHtml(element: { toString(): string | Promise<string> }): Promise<string> {
  return String(await element.toString());
}
