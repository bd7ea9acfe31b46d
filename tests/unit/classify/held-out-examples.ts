/**
 * Texts written for these tests and never used in training (a test checks that), in the voice of product
 * communities. They measure how the built-in model does on text it has not seen.
 */
export const HELD_OUT_CHATTER: readonly string[] = [
  'good morning team ☕',
  'hey hey',
  'thank you!!',
  'Thanks a ton, appreciate you',
  'haha',
  'rofl',
  'welcome @maria!',
  'have a nice weekend all',
  'brb lunch',
  'k',
  '🙌',
  '😂😂😂',
  'who is going to the conference in Austin?',
  'Happy Monday! What is everyone working on this week?',
  'Nice, congrats on the launch 🎉',
  'gn all',
  'lmao same here',
  'Anyone know a good podcast for the commute?',
  'Good evening from Tokyo',
  'sorry, replied in the wrong thread',
  'It is snowing here, first time this year ❄️',
  'cheers!',
  'yep',
  'Thanks for the quick reply earlier!',
  'My dog ate my homework, classic',
  'Hope everyone had a good holiday',
  'hi everyone, long time lurker first time poster',
  'see ya',
  'Oh nice, thanks',
  'This channel is so wholesome today',
];

/** Real feedback of every other kind, which must not be mistaken for chatter. */
export const HELD_OUT_FEEDBACK: Readonly<Record<string, readonly string[]>> = {
  bug: [
    'The app freezes when I scroll through the device list on my Pixel.',
    'Since this morning every API call returns 502 bad gateway.',
    'The humidity graph shows values from the wrong sensor.',
  ],
  feature_request: [
    'Please add an option to export the dashboard as an image.',
    'It would be great if the bot could remind me about open tickets.',
    'Could you support multiple languages in the mobile app?',
  ],
  question: [
    'How do I change the reporting interval of the sensor?',
    'Is there a way to share a board with someone outside my company?',
    'Where can I download last month\'s invoice?',
  ],
  praise: [
    'The new release is really polished, great work everyone.',
    'Support fixed my issue within an hour, impressive service.',
    'I love how simple the setup was, took two minutes.',
  ],
  complaint: [
    'Your support has ignored my emails for two weeks now.',
    'The latest redesign made the app harder to use, very disappointing.',
    'Prices keep going up while the product stays the same.',
  ],
  sales_lead: [
    'We are a team of 80 looking for a quote on the business plan.',
    'Could someone from sales contact us about a pilot at our three warehouses?',
    'Do you offer discounts for buying 100 sensors at once?',
  ],
  churn_risk: [
    'We are going to cancel our subscription at the end of the month.',
    'Our team is moving to a competitor, how do we export our data?',
    'If this is not fixed soon we will not renew.',
  ],
};

/** Terse problem reports, the kind that used to be taken for chatter: short, unpunctuated, "again", "still". */
export const TERSE_REPORTS: readonly string[] = [
  'my thermostat is offline',
  'still down',
  'logged out again??',
  'the dashboard is broken',
  'app crashed',
  'sync not working',
  'my device wont connect',
  'error on checkout',
  'payments failing',
  "page won't load",
  'keeps crashing on startup',
  'data missing from yesterday',
  'webhook stopped firing',
  'camera feed frozen',
  'login broken again',
  'cannot sign in since this morning',
];

/** Usage questions as people ask them on GitHub and in chat. */
export const USAGE_QUESTIONS: readonly string[] = [
  'How do I export my readings to a spreadsheet?',
  'Is there a way to mute alerts at night?',
  'how do i add a second admin',
  'Is it possible to self-host the dashboard?',
  'How to connect two hubs to one account?',
  'What is the best way to migrate boards between workspaces?',
];
