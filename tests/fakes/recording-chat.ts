import type { ManualClock } from '../../src/core/clock.js';
import { RetryableDeliveryError, type ChatPort, type OutboundMessage } from '../../src/delivery/chat-port.js';

/** A ChatPort that records what it was asked to send, and can be told to fail the next calls. */
export class RecordingChat implements ChatPort {
  readonly name = 'recording';
  readonly sent: OutboundMessage[] = [];
  private failures: { kind?: string; error: Error }[] = [];
  private counter = 0;

  /** The next delivery (of this kind, when given) fails with `error`. */
  failNext(error: Error, kind?: string): void {
    this.failures.push({ kind, error });
  }

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const index = this.failures.findIndex((f) => f.kind === undefined || f.kind === message.content.kind);
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error;
    this.sent.push(message);
    return { messageId: message.editsMessageId ?? `msg-${++this.counter}` };
  }

  kinds(): string[] {
    return this.sent.map((m) => m.content.kind);
  }
}

export const rateLimited = (seconds: number) => new RetryableDeliveryError('ratelimited', seconds * 1000);

/** A platform that takes `answerMs` of the (hand-driven) clock to answer each post, yielding to other work meanwhile. */
export class SlowChat extends RecordingChat {
  constructor(private readonly clock: ManualClock, private readonly answerMs: number) {
    super();
  }

  override async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    this.clock.advance(this.answerMs);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return super.deliver(message);
  }
}
