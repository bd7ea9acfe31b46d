import type { Hono } from 'hono';
import type { ChatPort } from '../delivery/chat-port.js';
import type { InboundHandler } from '../jobs/inbound-retry-job.js';

/**
 * What main.ts needs from a chat platform: a ChatPort for the outbox worker, optional HTTP routes (Slack's HTTP
 * mode), handlers for re-processing stored inbound events, and a lifecycle.
 */
export interface PlatformAdapter {
  readonly platform: 'slack' | 'discord';
  readonly chat: ChatPort;
  mountHttp?(app: Hono): void;
  /** Inbound event kinds this adapter stores in the inbound log, and how to process one again. */
  readonly inboundHandlers: Map<string, InboundHandler>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
