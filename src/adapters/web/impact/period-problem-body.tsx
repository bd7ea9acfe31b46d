import { MAX_RANGE_YEARS } from '../../../core/digest/period.js';

const REASON_WORDS = { unparsed: 'is not a period Liaison knows', reversed: 'ends before it starts', too_long: `is longer than ${MAX_RANGE_YEARS} years` } as const;
const FORMS: [string, string][] = [
  ['week, month, quarter', 'the one running now'], ['last-week, last-month, last-quarter', 'the one before'],
  ['2026-W47', 'an ISO week'], ['2026-11', 'a month'], ['2026-Q4', 'a quarter'], ['2026-11-16', 'a day'],
  ['2026-10-01..2026-12-31', `a range of days, both included, at most ${MAX_RANGE_YEARS} years`],
];

/** The 400 page for a period that does not parse or is too long: what was wrong, and every form accepted. */
export function periodProblemBody(props: { given: string; reason?: string; retryHref: string }) {
  const why = REASON_WORDS[props.reason as keyof typeof REASON_WORDS] ?? REASON_WORDS.unparsed;
  return (
    <div class="problem">
      <h1>That period cannot be shown</h1>
      <p>“{props.given}” {why}.</p>
      <p>A period can be written as:</p>
      <table class="data">
        <caption class="visually-hidden">Accepted periods</caption>
        <thead><tr><th scope="col">Write</th><th scope="col">For</th></tr></thead>
        <tbody>{FORMS.map(([form, meaning]) => <tr><th scope="row"><code>{form}</code></th><td>{meaning}</td></tr>)}</tbody>
      </table>
      <p><a href={props.retryHref}>Show this quarter instead</a></p>
    </div>
  );
}
