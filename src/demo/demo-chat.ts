import { Writable } from 'node:stream';
import { ConsoleChat } from '../adapters/console/console-chat.js';
import type { Clock } from '../core/clock.js';
import type { ChatPort, OutboundMessage } from '../delivery/chat-port.js';

/**
 * The demo shows one example of each kind of message in full (a card, its update, a reply to a member, a page)
 * and the whole digest thread; `verbose` shows everything, as `npm start` would. One ConsoleChat numbers every
 * message, shown or not, so thread references always point at the right one.
 */
export class DemoChat implements ChatPort {
  readonly name = 'demo';
  private readonly shown = new Set<string>();
  private readonly chat: ConsoleChat;
  private showing = true;

  private readonly verbose: boolean;

  constructor(out: Writable, timezone: string, clock: Clock, options: { verbose: boolean; web?: string }) {
    const gate = new Writable({ write: (chunk, _encoding, done) => (this.showing ? out.write(chunk, () => done()) : done()) });
    const { web } = options;
    this.verbose = options.verbose;
    this.chat = new ConsoleChat(gate, timezone, clock, { chartDir: '.liaison/charts', web: web === undefined ? undefined : () => web });
  }

  deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const kind = message.content.kind;
    this.showing = this.verbose || kind.startsWith('digest') || !this.shown.has(kind);
    this.shown.add(kind);
    return this.chat.deliver(message);
  }
}
