/** Tokens that stand for what a text contained rather than what it said (tokenize.ts): a link, a mention, code... */
export const PLACEHOLDERS: ReadonlySet<string> = new Set(['xurl', 'xemail', 'xhex', 'xnum', 'xcode', 'xicode', 'xtrace', 'xmention', 'xchannel', 'xemoji']);
