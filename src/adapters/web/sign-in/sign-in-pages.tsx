import { BarePage } from '../layout.js';

/** How to get a sign-in link: the words a newcomer sees at `/` before signing in. */
export function SignInPage({ reason }: { reason?: 'needed' | 'signed_out' }) {
  return (
    <BarePage title="Sign in">
      <div class="notice">
        <h1>Sign in to Liaison</h1>
        {reason === 'needed' ? <p role="status"><strong>Sign in to see this page.</strong></p> : ''}
        {reason === 'signed_out' ? <p role="status"><strong>You are signed out.</strong></p> : ''}
        <p>Liaison signs you in with a one-time link, sent only to you. A link works once, for ten minutes.</p>
        <h2>Get a link</h2>
        <ul>
          <li>In Slack: type <code>/liaison web</code> in any channel, or open Liaison’s <strong>Home</strong> tab and press <strong>Open the web app</strong>.</li>
          <li>In Discord: type <code>/liaison web</code>. The answer is visible only to you.</li>
          <li>On the server Liaison runs on: <code>{'liaison web-link <user>'}</code> prints a link for a user the config names, such as <code>liaison web-link maya</code> or <code>liaison web-link slack:U0123</code> (in a checkout: <code>npm run liaison -- web-link maya</code>). Ask whoever runs Liaison if you cannot use chat.</li>
          <li>To try Liaison: <code>npm run demo</code> plays a week and prints a link for the demo’s community manager.</li>
        </ul>
        <p>What you see depends on your teams and roles in Liaison’s config: team members see their teams’ items, community managers and leadership see everything.</p>
      </div>
    </BarePage>
  );
}

/** The link's landing page: one press signs in, so a link preview or a mail scanner that opens it uses up nothing. */
export function ContinuePage({ action }: { action: string }) {
  return (
    <BarePage title="Sign in">
      <div class="notice">
        <h1>Sign in to Liaison</h1>
        <p>This link signs you in once. Press the button to continue.</p>
        <form method="post" action={action}>
          <button class="primary" type="submit">Sign in</button>
        </form>
      </div>
    </BarePage>
  );
}

const REFUSALS = {
  unknown: 'This sign-in link is not one Liaison gave out, or it was mistyped.',
  used: 'This sign-in link has been used already: each link signs in once.',
  expired: 'This sign-in link has expired: links work for ten minutes.',
} as const;

export function RefusedPage({ reason }: { reason: keyof typeof REFUSALS }) {
  return (
    <BarePage title="Link not valid">
      <div class="notice" role="alert">
        <h1>That link did not sign you in</h1>
        <p>{REFUSALS[reason]}</p>
        <p>Ask for a new one with <code>/liaison web</code> in Slack or Discord, or from whoever runs Liaison (<code>{'liaison web-link <user>'}</code>). <a href="/">How to sign in</a>.</p>
      </div>
    </BarePage>
  );
}
