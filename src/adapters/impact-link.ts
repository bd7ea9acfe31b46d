/** The Impact page for a period, as linked from chat (the digest's image). The web app's home page `/` is Impact. */
export function impactPageUrl(publicUrl: string, period: string): string {
  return `${publicUrl}/?${new URLSearchParams({ period }).toString()}`;
}
