/** The Impact page for a period, as linked from chat (the digest's image). The web app serves it at `/impact`. */
export function impactPageUrl(publicUrl: string, period: string): string {
  return `${publicUrl}/impact?${new URLSearchParams({ period }).toString()}`;
}
