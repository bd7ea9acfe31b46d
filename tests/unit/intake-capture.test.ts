import { describe, expect, it } from 'vitest';
import { IntakeBody, intakeCapture } from '../../src/adapters/http/intake-route.js';
import { CaptureInput } from '../../src/core/capture-feedback.js';

const now = new Date('2026-03-02T10:00:00Z');

/** Posts at the edges of what IntakeBody accepts: longest fields, controls and CRLF to clean, each kind of author. */
const edgeBodies: unknown[] = [
  { id: 't-1', text: 'The export crashes', author: { name: 'Kim' } },
  { id: 'x'.repeat(200), text: 'y'.repeat(40_000), title: 'z'.repeat(300), author: { id: 'i'.repeat(320), name: 'n'.repeat(200) } },
  { id: 'a\u0000b\u0007', text: 'line one\r\nline two\u200b\u202e', title: 'T\u0000', author: { id: 'k\u0000im', name: 'K\u001fim' } },
  { id: 'e', text: 'by email', author: { email: `${'a'.repeat(64)}@${'b'.repeat(60)}.example.org`, name: 'E' }, url: 'https://forum.example.org/t/1', postedAt: '2026-03-01T09:30:00+01:00' },
  { id: '\u{1F600}', text: 'emoji id', author: { name: `${'\u{1F600}'.repeat(100)}` } },
];

describe('intake goes to capture with one parse', () => {
  it('gives capture exactly what parsing it with CaptureInput would give', () => {
    for (const raw of edgeBodies) {
      const body = IntakeBody.parse(raw);
      const capture = intakeCapture('forum', body, now);
      expect(CaptureInput.parse(capture)).toEqual(capture);
    }
  });

  it('refuses at the edge what capture would refuse: an email too long to be an author ID', () => {
    const email = `${'a'.repeat(300)}@${'b'.repeat(100)}.example.org`;
    expect(IntakeBody.safeParse({ id: 'e', text: 'x', author: { email, name: 'E' } }).success).toBe(false);
    expect(CaptureInput.safeParse({ message: { platform: 'webhook', channelId: 'forum', id: 'e', text: 'x', postedAt: now }, author: { platform: 'webhook', id: email, name: 'E' }, via: 'webhook' }).success).toBe(false);
  });
});
