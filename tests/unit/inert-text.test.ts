import { describe, expect, it } from 'vitest';
import { cleanInbound, defuseMentions, excerpt, inert } from '../../src/core/inert-text.js';

const ZWSP = '\u200B';

describe('text from outside', () => {
  it('loses NUL and other invisible controls when stored, keeping tabs and newlines', () => {
    expect(cleanInbound('a\u0000b\u0007c\td\r\ne')).toBe('abc\td\ne');
  });

  it('cannot ping anyone when shown', () => {
    const shown = inert('@here @channel @everyone @all <!channel> <!here> <@U0BOSS> <!subteam^S0ALL> <@123456> <@&7781> <#C0SECRET>');
    for (const token of ['@here', '@channel', '@everyone', '@all', '<!channel>', '<!here>', '<@U0BOSS>', '<!subteam^', '<@123456>', '<@&7781>', '<#C0SECRET>']) {
      expect(shown).not.toContain(token);
    }
    expect(shown.replaceAll(ZWSP, '')).toBe('@here @channel @everyone @all <!channel> <!here> <@U0BOSS> <!subteam^S0ALL> <@123456> <@&7781> <#C0SECRET>');
  });

  it('drops bidi overrides that would make text read backwards', () => {
    expect(inert('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
  });

  it('leaves ordinary e-mail addresses and words alone', () => {
    expect(defuseMentions('write to kim@example.org about the channel')).toBe('write to kim@example.org about the channel');
  });

  it('shortens long text to one line with an ellipsis', () => {
    expect(excerpt('line one\nline two', 100)).toBe('line one line two');
    expect(excerpt('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('cuts a notification between words and marks the cut, never mid-word', () => {
    const text = `${'The export crashes with big gardens, '.repeat(6)}and then everything stops`;
    const cut = excerpt(text, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/ big…$|gardens…$|crashes…$|with…$|export…$|The…$/);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(excerpt('Login is broken, badly', 18)).toBe('Login is broken…');
  });
});
