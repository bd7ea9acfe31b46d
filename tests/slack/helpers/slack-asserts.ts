import type { FakeSlackApi } from './fake-slack-api.js';

/** What a person reads in a recorded message: its blocks and fallback text, flattened to one string. */
export const shown = (args: Record<string, unknown> | undefined) => JSON.stringify([args?.blocks ?? null, args?.text ?? null]);

/** The latest top-level message posted to a channel (a card, a digest summary). */
export function topLevel(fake: FakeSlackApi, channel: string) {
  const found = fake.posts(channel).filter((m) => !m.thread_ts).at(-1);
  if (!found) throw new Error(`nothing posted to ${channel}`);
  return found;
}

/** A button's value as the card (or its latest update) in that channel carries it. */
export function buttonValue(fake: FakeSlackApi, channel: string, actionId: string): string {
  const drawn = [...fake.posts(channel), ...fake.called('chat.update').filter((m) => m.channel === channel)];
  for (const m of drawn.reverse()) {
    const blocks = (m.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
    if (button?.value) return button.value;
  }
  throw new Error(`no ${actionId} button in ${channel}`);
}

/** Every mention markup in a message: `<@U…>`, `<!here>`, `<!subteam^…>` and the like. */
export const mentions = (args: Record<string, unknown> | undefined) => shown(args).match(/<[@!][^>]*>/g) ?? [];
