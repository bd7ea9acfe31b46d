import type { Actor } from '../../core/actor.js';
import type { Context } from '../../core/context.js';
import type { ImpactWarmUp } from './impact/warm-up-impact.js';

/** The signed-in person looking at a page: who they are to Liaison (teams, roles) and which session they hold. */
export interface Viewer {
  actor: Actor;
  sessionId: number;
  /** The viewer's teams by their display names, in config order. */
  teamNames: string[];
  /** Capture by hand is offered in the navigation (the access rules decide). */
  mayCapture: boolean;
}

/** Hono's variables for web routes: set by the session middleware before any page handler runs. */
export type WebEnv = { Variables: { viewer: Viewer; csrfToken: string } };

/** What the web app's routes are given. */
export interface WebDeps {
  ctx: Context;
  /** The base of links (LIAISON_PUBLIC_URL, or this machine's port), without a trailing slash. */
  publicUrl: string;
  /** The web process's background warm-up, which the home page joins while it is under way. */
  warmUp?: ImpactWarmUp;
}

/** Cookies are marked Secure when people reach Liaison over https. */
export function secureCookies(deps: WebDeps): boolean {
  return deps.publicUrl.startsWith('https://');
}
