import type { Child } from 'hono/jsx';

/** Only http(s) addresses become links; anything else from outside (javascript:, data:) is shown as text, or not at all. */
export function isWebUrl(href: string | null | undefined): href is string {
  if (!href) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A link to somewhere outside Liaison (the original message, a tracker issue), opened without handing over this page. */
export function ExternalLink(props: { href: string | null | undefined; children: Child }) {
  return isWebUrl(props.href) ? <a href={props.href} rel="noopener noreferrer nofollow">{props.children}</a> : <span>{props.children}</span>;
}
