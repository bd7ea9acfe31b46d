/**
 * The config names emoji the way people type them (`eyes`, `white_check_mark`, as Slack does); Discord sends the
 * Unicode character for standard emoji and a name for custom ones. This table covers the emoji people use for
 * "seen", "mine", "done" and "capture"; the config may also give the character itself or a custom emoji's name.
 */
const SHORTCODES: Record<string, string> = {
  eyes: '👀', raised_hand: '✋', hand: '✋', white_check_mark: '✅', heavy_check_mark: '✔', ballot_box_with_check: '☑',
  x: '❌', no_entry: '⛔', no_entry_sign: '🚫', mega: '📣', loudspeaker: '📢', inbox_tray: '📥', bookmark: '🔖',
  pushpin: '📌', star: '⭐', thumbsup: '👍', '+1': '👍', thumbsdown: '👎', '-1': '👎', wave: '👋', point_right: '👉',
  arrow_right: '➡', fast_forward: '⏩', hourglass: '⌛', hourglass_flowing_sand: '⏳', wrench: '🔧', hammer_and_wrench: '🛠',
  construction: '🚧', bug: '🐛', bulb: '💡', rocket: '🚀', fire: '🔥', rotating_light: '🚨', warning: '⚠', question: '❓',
  memo: '📝', ticket: '🎫', tada: '🎉', heart: '❤', white_circle: '⚪', green_circle: '🟢', red_circle: '🔴', large_blue_circle: '🔵',
  raising_hand: '🙋', man_raising_hand: '🙋‍♂', woman_raising_hand: '🙋‍♀', handshake: '🤝', ok_hand: '👌', mag: '🔍',
};

const BY_CHARACTER = new Map(Object.entries(SHORTCODES).map(([name, char]) => [char, name] as const).reverse());
// Emoji presentation selectors (U+FE0F) come and go between clients; they do not change the emoji.
const normalise = (text: string) => text.replace(/\uFE0F/g, '').replace(/^:|:$/g, '');

/** The name a Discord reaction is known by in the config: a shortcode when we know one, else the character or custom name. */
export function emojiKey(emoji: { id: string | null; name: string | null }): string {
  const name = normalise(emoji.name ?? '');
  if (emoji.id) return name;
  return BY_CHARACTER.get(name) ?? name;
}

/** A config emoji (shortcode, `:shortcode:`, character or custom name) as the same key. */
export function configEmojiKey(configured: string): string {
  const name = normalise(configured);
  const character = SHORTCODES[name] ?? name;
  return BY_CHARACTER.get(character) ?? name;
}
