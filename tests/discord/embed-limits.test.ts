import { describe, expect, it } from 'vitest';
import { digestSilosMessages, digestSummaryMessages, digestTeamMessages } from '../../src/adapters/discord/presenters/digest-embeds.js';
import { assertWithinLimits, type MessageBody } from '../../src/adapters/discord/presenters/embed-limits.js';
import { linesToEmbeds, packMessages } from '../../src/adapters/discord/presenters/pack-embeds.js';
import type { DigestSilosPart, DigestSummary, DigestTeamPart } from '../../src/delivery/content.js';

/** Discord's limits, counted here independently of the code under test. */
function withinDiscordLimits(message: MessageBody): boolean {
  const embeds = message.embeds ?? [];
  const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
  return embeds.length <= 10 && total <= 6000 && (message.content?.length ?? 0) <= 2000
    && embeds.every((e) => (e.title?.length ?? 0) <= 256 && (e.description?.length ?? 0) <= 4096 && (e.fields?.length ?? 0) <= 25 && (e.fields ?? []).every((f) => f.name.length <= 256 && f.value.length <= 1024));
}
const allText = (messages: MessageBody[]) => messages.flatMap((m) => m.embeds ?? []).map((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n')).join('\n');
const idsIn = (text: string) => [...text.matchAll(/#(\d+) /g)].map((m) => Number(m[1]));
const metrics = { received: 3, acknowledged: 2, resolved: 1, declined: 0, passedOn: 0, medianFirstActionMs: 3_600_000, medianResolutionMs: null, breaches: { acknowledge: 0, resolve: 0 }, attainment: { acknowledgeDue: 1, acknowledgedInTime: 1, resolveDue: 0, resolvedInTime: 0, medianLatenessMs: null } };
const longText = (i: number) => `Item ${i}: ${'the export to CSV drops every other row and [click here](https://evil.example) @everyone '.repeat(4)}`;
const silo = (i: number) => ({ itemId: i, text: longText(i), community: 'makers', permalink: null, capturedAt: '2026-11-10T10:00:00.000Z', teams: ['support', 'product'], hops: i % 3 });

describe('Discord message limits', () => {
  it('splits a digest’s 600 silo items over as many messages as needed, losing and repeating none', () => {
    const part: DigestSilosPart = {
      period: '2026-W46',
      noAction: Array.from({ length: 200 }, (_, i) => silo(i + 1)),
      passedAround: Array.from({ length: 200 }, (_, i) => silo(i + 201)),
      acknowledgedNotResolved: Array.from({ length: 200 }, (_, i) => silo(i + 401)),
      counts: { noAction: 250, passedAround: 200, acknowledgedNotResolved: 200 },
    };
    const messages = digestSilosMessages(part);
    expect(messages.length).toBeGreaterThan(5);
    expect(messages.every(withinDiscordLimits)).toBe(true);
    expect(() => messages.forEach(assertWithinLimits)).not.toThrow();
    expect(idsIn(allText(messages))).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(allText(messages)).toContain('Nobody answered, past the acknowledge target (250, oldest 200 listed)');
    expect(allText(messages)).not.toMatch(/(?<!\\)\[click here\]\(/);
  });

  it('spreads 40 teams over embeds of at most 25 fields, each team once', () => {
    const teams = Array.from({ length: 40 }, (_, i) => ({ team: `t${i}`, name: `Team ${i}`, metrics, previous: metrics }));
    const summary = { organisation: 'Testco', period: { key: '2026-W46' }, previousPeriod: { key: '2026-W45' }, asOf: '2026-11-16T00:00:00.000Z', totals: { current: metrics, previous: metrics }, handoffs: [], teams, silos: { noAction: 1, passedAround: 0, acknowledgedNotResolved: 0 } } as unknown as DigestSummary;
    const messages = digestSummaryMessages(summary);
    const fields = messages.flatMap((m) => m.embeds ?? []).flatMap((e) => e.fields ?? []);
    expect(messages.flatMap((m) => m.embeds ?? []).map((e) => e.fields?.length)).toEqual([25, 15]);
    expect(fields.map((f) => f.name)).toEqual(teams.map((t) => t.name));
    expect(messages.every(withinDiscordLimits)).toBe(true);
  });

  it('lists every breach of a team with 500 of them', () => {
    const part = { team: 'support', name: 'Support', metrics, previous: metrics, period: '2026-W46', breaches: Array.from({ length: 500 }, (_, i) => ({ itemId: i + 1, routingId: i + 1, team: 'support', target: 'acknowledge', dueAt: '2026-11-10T10:00:00.000Z', lateByMs: 7_200_000, text: longText(i), permalink: null })) } as unknown as DigestTeamPart;
    const messages = digestTeamMessages(part);
    expect(messages.every(withinDiscordLimits)).toBe(true);
    expect(idsIn(allText(messages))).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });

  it('clips a single line too long for any embed instead of dropping it or failing', () => {
    const messages = packMessages(linesToEmbeds('Huge', ['#1 short', `#2 ${'x'.repeat(10_000)}`, '#3 short']), { allowed_mentions: { parse: [] } });
    expect(messages.every(withinDiscordLimits)).toBe(true);
    expect(idsIn(allText(messages))).toEqual([1, 2, 3]);
  });

  it('refuses to send an embed Discord would reject, naming the limit', () => {
    expect(() => assertWithinLimits({ embeds: [{ title: 't'.repeat(257) }], allowed_mentions: { parse: [] } })).toThrow(/embeds\.0\.title/);
    expect(() => assertWithinLimits({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(4000) }], allowed_mentions: { parse: [] } })).toThrow(/6000 characters/);
    expect(() => assertWithinLimits({ embeds: Array.from({ length: 11 }, () => ({ title: 'x' })), allowed_mentions: { parse: [] } })).toThrow(/embeds/);
  });
});
