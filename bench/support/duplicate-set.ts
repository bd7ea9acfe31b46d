/**
 * A labelled set for duplicate suggestions: feedback about a garden-sensor product (the example organisation's),
 * as a community would send it. Each group holds reports of one problem or wish in different words; each single is
 * a report that shares words with some group but is not the same request (export slow vs export crashes, frost
 * alert wrong vs frost alert wanted). Written by hand for this project (routing-flow helper, 2026-11); no text is
 * taken from any dataset. Items arrive in a fixed interleaved order (see `duplicateArrivals`).
 */
export const DUPLICATE_GROUPS: readonly (readonly string[])[] = [
  ['The CSV export crashes when my garden has more than 50 sensors', 'Exporting the data of a big garden makes the app crash', 'export to csv fails with a crash on large gardens'],
  ['Please add a dark mode to the app', 'Would love a dark theme, the white screen is blinding at night'],
  ['Sensor battery drains in two days since firmware 3.2', 'After updating to 3.2 my sensors’ batteries die within 48 hours'],
  ['My hub keeps going offline every night around 2am', 'Hub disconnects from the wifi overnight, every single night'],
  ['I get logged out every time I close the app', 'The app forgets my login whenever I restart it'],
  ['Can you add frost alerts when the temperature drops below zero?', 'Feature idea: warn me when it is going to freeze so I can cover my plants'],
  ['Is there a Home Assistant integration?', 'Any plans to support Home Assistant?', 'Would be great to connect Fernhill to Home Assistant'],
  ['The moisture graph shows times in UTC instead of my local time', 'Chart timestamps are off by several hours, looks like UTC'],
  ['New sensor won’t pair over Bluetooth, stuck on “searching”', 'Pairing a new sensor never finishes, it just keeps searching'],
  ['How much does the plan cost for three gardens?', 'What is the price if I have several gardens?'],
  ['Let me share my garden with my partner so we both get the alerts', 'Please add a way to give my family access to the same garden'],
  ['The watering schedule should skip a day when it rained', 'The sprinklers run even after heavy rain, please use the rain data'],
  ['Notifications arrive hours late', 'Alerts come in 3-4 hours after the event happened'],
  ['Soil moisture reading stuck at 100% after rain', 'moisture stays at 100 percent for days, the sensor seems stuck'],
  ['Is there a public API to read my sensor data?', 'I want to pull my readings into a spreadsheet, do you have an API?'],
  ['App crashes on launch on Android 14', 'Since upgrading my phone to Android 14 the app closes right after opening'],
  ['Firmware update stuck at 80%', 'The hub update hangs at 80 percent and never completes'],
  ['I want a refund, the sensors stopped working after a month', 'Requesting my money back, both sensors died after four weeks'],
  ['Our invoice is missing the VAT number', 'Please add our company VAT ID to the invoices'],
  ['The hub can’t connect to 5 GHz wifi', 'Does the hub support 5GHz networks? It only sees my 2.4 network'],
  ['Temperature reads 5 degrees too high in direct sun', 'The sensor shows way too warm whenever the sun hits it'],
  ['Could we get a monthly PDF report of the garden?', 'A printable monthly summary of my garden would be nice'],
  ['How do I delete my account?', 'Where can I remove my account and all my data?'],
  ['Data hasn’t synced since yesterday', 'My readings stopped updating yesterday, sync seems stuck'],
  ['Please add a home screen widget with the current moisture', 'An iOS widget showing soil moisture would be great'],
  ['We are a school with 40 gardens, do you have an education plan?', 'Do you offer discounts for schools that manage many gardens?'],
  ['My sensor is offline again', 'The sensor in the greenhouse shows offline again'],
  ['Is the app available in German?', 'Please translate the app into German'],
  ['I’m cancelling, the app is too unreliable', 'Thinking about switching to another brand, too many outages lately'],
  ['Password reset email never arrives', 'I don’t get the reset password mail, checked spam too'],
];

export const DUPLICATE_SINGLES: readonly string[] = [
  'The CSV export is slow but it works',
  'Export should include the battery level column',
  'The battery icon shows the wrong percentage',
  'How long does a sensor battery last?',
  'The hub’s LED is too bright at night',
  'Hub setup instructions are confusing',
  'I can’t log in with my Google account',
  'Two-factor authentication please',
  'The frost alert went off when it was 10 degrees outside',
  'Can I use Fernhill with Google Home?',
  'The graph doesn’t show data older than a week',
  'Bluetooth range is very short',
  'What is the shipping cost to Canada?',
  'Add a garden journal where I can write notes',
  'The watering schedule screen is confusing',
  'The notification sound is too loud',
  'Please notify me when a sensor battery is low',
  'My soil sensor rusted after one winter',
  'Add support for IFTTT',
  'The app crashes when I rotate my tablet',
  'The firmware changelog is missing',
  'Thanks for the quick refund!',
  'The invoice was sent to the wrong email address',
  'Wifi passwords with special characters fail during setup',
  'Show temperatures in Fahrenheit please',
  'The weekly email summary is empty',
  'How do I rename a sensor?',
  'Sync works on wifi but not on mobile data',
  'The Android widget shows “loading” forever',
  'We would like to buy 200 sensors for a farm, who do I talk to?',
  'The sensor shows offline but the app still receives data',
  'The Spanish translation has typos',
  'The new update is great, much faster',
  'Passwords should be allowed to be longer than 16 characters',
  'A greenhouse humidity sensor would be a great product',
  'Can I mount the sensor on a pot?',
  'The map shows my garden in the wrong city',
  'The moisture graph is hard to read on small screens',
  'Customer support took a week to reply',
  'Rain data is missing for my area',
];

export interface DuplicateArrival {
  text: string;
  /** The group index for a report with duplicates, undefined for a single. */
  group: number | undefined;
}

/**
 * Every report in arrival order: each group's first report and half of the singles, alternating; then the later
 * reports of the groups (in a fixed stride, so that they do not come in group order) alternating with the other
 * singles. Deterministic, so every run measures the same thing.
 */
export function duplicateArrivals(): DuplicateArrival[] {
  const firsts = DUPLICATE_GROUPS.map((g, group) => ({ text: g[0] as string, group }));
  const laters = DUPLICATE_GROUPS.flatMap((g, group) => g.slice(1).map((text) => ({ text, group })));
  const singles: DuplicateArrival[] = DUPLICATE_SINGLES.map((text) => ({ text, group: undefined }));
  const half = Math.ceil(singles.length / 2);
  const shuffled = laters.map((_, i) => laters[(i * 7) % laters.length] as DuplicateArrival);
  return [...alternate(firsts, singles.slice(0, half)), ...alternate(shuffled, singles.slice(half))];
}

function alternate<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) out.push(...(i < a.length ? [a[i] as T] : []), ...(i < b.length ? [b[i] as T] : []));
  return out;
}
