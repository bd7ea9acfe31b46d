import type { SlackHarness } from './slack-harness.js';
import { topLevel } from './slack-asserts.js';
import { eventCallback, messageEvent } from './slack-payloads.js';

let next = 0;

/** A community message in the BigCo Slack Connect channel, captured and carded; returns the cards' ts by channel. */
export async function feedbackCarded(h: SlackHarness, text = 'We would love an export to CSV'): Promise<{ originalTs: string; productCard: string; salesCard: string }> {
  next += 1;
  const originalTs = `17948375${String(40 + next).padStart(2, '0')}.000100`;
  await h.event(eventCallback(messageEvent({ channel: 'C0BIGCO', ts: originalTs, user: 'U0CUST', text, user_profile: { display_name: 'Casey (BigCo)' } })));
  await h.settle();
  return { originalTs, productCard: topLevel(h.fake, 'C0PRODUCT').ts, salesCard: topLevel(h.fake, 'C0SALES').ts };
}
