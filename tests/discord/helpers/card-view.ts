import type { FakeMessage } from '../fakes/fake-state.js';

export interface ViewEmbed { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }
export interface ViewButton { label: string; custom_id?: string; url?: string; style: number }

/** A posted message as a person sees it: its embeds and its buttons by label. */
export function view(message: FakeMessage | undefined) {
  if (!message) throw new Error('no such message');
  const embeds = message.embeds as unknown as ViewEmbed[];
  const rows = message.components as unknown as { components: ViewButton[] }[];
  const buttons = rows.flatMap((r) => r.components);
  return {
    embeds,
    embed: embeds[0] as ViewEmbed,
    rows: rows.map((r) => r.components.map((b) => b.label)),
    buttons: buttons.map((b) => b.label),
    /** The custom ID of the button with this label. */
    button(label: string): string {
      const found = buttons.find((b) => b.label === label)?.custom_id;
      if (!found) throw new Error(`no button "${label}" on the message (it has ${buttons.map((b) => b.label).join(', ')})`);
      return found;
    },
  };
}
