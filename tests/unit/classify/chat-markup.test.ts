import { describe, expect, it } from 'vitest';
import { documentTokens, prepareText, tokenize } from '../../../src/core/classify/tokenize.js';

const words = (text: string) => tokenize(prepareText(text));

describe('chat markup before classification', () => {
  it('turns Slack and Discord mentions into one placeholder however many there are', () => {
    expect(words('<@U01AAA> <@U02BBB|sam> <!here> <!subteam^S0CM|@cms> crash')).toEqual(['xmention', 'crash']);
    expect(words('<@123456789012345678> <@!234567890123456789> <@&345678901234567890> crash')).toEqual(['xmention', 'crash']);
    expect(words('thanks @maria, mail me at sam@example.com')).toEqual(['thanks', 'xmention', 'mail', 'me', 'at', 'xemail']);
  });

  it('turns channel links, custom emoji and emoji codes into placeholders', () => {
    expect(words('see <#C01GENERAL|general> and <#1029384756019283746>')).toEqual(['see', 'xchannel', 'and', 'xchannel']);
    expect(words('nice <:pepehands:738291047362819284> <a:dance:123> :tada: :+1:')).toEqual(['nice', 'xemoji']);
    expect(words('meeting at 10:30:45')).toEqual(['meeting', 'at', 'xnum']);
  });

  it('keeps the label a person wrote for a Slack link and folds bare links', () => {
    expect(words('look <https://example.com/a|the crash log> and https://example.com/b')).toEqual(['look', 'xurl', 'the', 'crash', 'log', 'and', 'xurl']);
    expect(words('<https://example.com/x> <mailto:a@b.c>')).toEqual(['xurl']);
  });

  it('does not count mentions towards the length of a message', () => {
    const cues = (text: string) => documentTokens(text, true).tokens.filter((t) => t.startsWith('#len'));
    expect(cues('<@U1> <@U2> <@U3> <@U4> <@U5> <@U6> <@U7> <@U8> <@U9> <@U10> <@U11> <@U12> <@U13> it broke')).toEqual(cues('it broke'));
  });
});
