import { z } from 'zod';
import { closest } from './closest.js';

const valid = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA timezone; a misspelt one is answered with the nearest real one ("Europe/Pariss": did you mean Europe/Paris?). */
export const Timezone = z.string().superRefine((tz, ctx) => {
  if (valid(tz)) return;
  const guess = closest(tz, Intl.supportedValuesOf('timeZone'));
  ctx.addIssue({ code: 'custom', message: `expected an IANA timezone such as America/New_York${guess ? ` (did you mean ${guess}?)` : ''}` });
});
