import type { IncomingMessage, ServerResponse } from 'node:http';
import { PlatformRateLimits, type Refusal } from '../../fakes/platform-rate-limits.js';
import { discordWindowLimits } from './discord-api-limits.js';
import { APPLICATION_ID, BOT_USER, GUILD_ID, type FakeChannel, type FakeState, type Json } from './fake-state.js';

/** A request as the fake received it; a JSON array body (bulk command registration) is kept as parsed. */
export interface RecordedCall { method: string; path: string; query: URLSearchParams; body: Json | undefined }
export interface CannedResponse { status: number; body?: unknown; headers?: Record<string, string> }
interface Failure { method: string; path: RegExp; response: CannedResponse; times: number }
type Reply = CannedResponse;
type Route = [method: string, pattern: RegExp, handle: (params: string[], body: Json, query: URLSearchParams) => Reply];

const error = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });
const ok = (body: unknown, status = 200): Reply => ({ status, body });

/**
 * Discord's REST API as far as Liaison and discord.js use it, over real HTTP. Every call is recorded; the next
 * calls to a route can be made to fail (a 429 with retry_after, a 500) to see what the caller does about it.
 */
export class FakeRest {
  readonly calls: RecordedCall[] = [];
  private readonly failures: Failure[] = [];
  private readonly lost: Failure[] = [];
  private readonly dmChannels = new Map<string, string>();
  gatewayUrl = '';
  /** Discord's rate limits, once `enforceLimits` is called: requests over them are answered 429 with Retry-After. */
  limits: PlatformRateLimits | undefined;
  /** Told of each thread the bot starts, as Discord tells the gateway (THREAD_CREATE). */
  onThreadStarted: ((thread: FakeChannel) => void) | undefined;

  constructor(private readonly state: FakeState, private readonly token: string) {}

  /** The next `times` calls matching method and path get `response` instead of being served. */
  failNext(method: string, path: RegExp, response: CannedResponse, times = 1): void {
    this.failures.push({ method, path, response, times });
  }

  /** The next `times` calls matching take effect (a message is posted), but the connection drops before the answer. */
  loseNext(method: string, path: RegExp, times = 1): void {
    this.lost.push({ method, path, response: { status: 0 }, times });
  }

  /** From now on, answers like Discord does when its global or per-route limits are exceeded, on `now` (ms). */
  enforceLimits(now: () => number): PlatformRateLimits {
    this.limits = new PlatformRateLimits(now);
    return this.limits;
  }

  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.failNext(method, path, { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false }, headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' } });
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const body = req.headers['content-type']?.startsWith('multipart/form-data') ? await multipartBody(bytes, req.headers['content-type']) : bytes.length > 0 ? (JSON.parse(bytes.toString()) as Json) : undefined;
    const method = req.method ?? 'GET';
    this.calls.push({ method, path, query: url.searchParams, body });
    // Interaction callbacks and webhooks are authorised by their token in the path, as on Discord.
    const authorised = /^\/(interactions|webhooks)\//.test(path) || req.headers.authorization === `Bot ${this.token}`;
    const canned = authorised ? this.failure(method, path) : undefined;
    const refused = authorised && !canned ? this.limits?.admit(discordWindowLimits(method, path)) : undefined;
    const reply = !authorised ? error(401, 0, '401: Unauthorized') : canned ?? (refused ? rateLimitedReply(refused) : this.route(method, path, body ?? {}, url.searchParams));
    const lost = this.lost.findIndex((f) => f.method === method && f.path.test(path));
    if (authorised && lost >= 0) {
      const entry = this.lost[lost] as Failure;
      entry.times -= 1;
      if (entry.times <= 0) this.lost.splice(lost, 1);
      return void req.socket.destroy();
    }
    res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }), ...reply.headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private failure(method: string, path: string): Reply | undefined {
    const index = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (index < 0) return undefined;
    const failure = this.failures[index] as Failure;
    failure.times -= 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure.response;
  }

  private route(method: string, path: string, body: Json, query: URLSearchParams): Reply {
    for (const [m, pattern, handle] of this.routes()) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) return handle(match.slice(1), body, query);
    }
    return error(404, 0, `404: Not Found (the fake has no ${method} ${path})`);
  }

  private routes(): Route[] {
    const s = this.state;
    return [
      ['GET', /^\/gateway\/bot$/, () => ok({ url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } })],
      ['GET', /^\/users\/@me$/, () => ok(BOT_USER)],
      ['GET', /^\/applications\/@me$/, () => ok({ id: APPLICATION_ID, name: 'Liaison', flags: s.applicationFlags, bot_public: false })],
      ['GET', /^\/guilds\/(\d+)$/, ([id]) => (s.guilds.has(id as string) ? ok(s.guilds.get(id as string)) : error(404, 10004, 'Unknown Guild'))],
      ['GET', /^\/channels\/(\d+)$/, ([id]) => (s.channels.has(id as string) ? ok(s.channels.get(id as string)) : error(404, 10003, 'Unknown Channel'))],
      ['PATCH', /^\/channels\/(\d+)$/, ([id], b) => {
        const channel = s.channels.get(id as string);
        if (!channel) return error(404, 10003, 'Unknown Channel');
        Object.assign(channel, b);
        return ok(channel);
      }],
      ['GET', /^\/channels\/(\d+)\/messages$/, ([id], _b, q) => this.listMessages(id as string, q)],
      ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, ([c, m]) => {
        const message = s.message(c as string, m as string);
        return message ? ok(message) : error(404, 10008, 'Unknown Message');
      }],
      ['POST', /^\/channels\/(\d+)\/messages$/, ([id], b) => this.postMessage(id as string, b)],
      ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, ([c, m], b) => {
        const message = s.message(c as string, m as string);
        if (!message) return error(404, 10008, 'Unknown Message');
        Object.assign(message, b, { edited_timestamp: new Date().toISOString() });
        return ok(message);
      }],
      ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, ([c, m], b) => {
        if (!s.message(c as string, m as string)) return error(404, 10008, 'Unknown Message');
        if (s.channels.has(m as string)) return error(400, 160004, 'A thread has already been created for this message');
        const thread = s.addChannel({ id: m as string, type: 11, guild_id: GUILD_ID, parent_id: c as string, name: String(b.name), owner_id: BOT_USER.id, thread_metadata: { archived: false, auto_archive_duration: b.auto_archive_duration, locked: false, archive_timestamp: new Date().toISOString() } });
        this.onThreadStarted?.(thread);
        return ok(thread, 201);
      }],
      ['POST', /^\/users\/@me\/channels$/, (_p, b) => {
        const recipient = String(b.recipient_id);
        const id = this.dmChannels.get(recipient) ?? s.snowflake();
        this.dmChannels.set(recipient, id);
        return ok(s.channels.get(id) ?? s.addChannel({ id, type: 1, recipients: [{ id: recipient, username: `user${recipient}` }], last_message_id: null }));
      }],
      ['GET', /^\/guilds\/(\d+)\/members\/(\d+)$/, ([, u]) => (s.members.has(u as string) ? ok(s.members.get(u as string)) : error(404, 10007, 'Unknown Member'))],
      ['GET', /^\/channels\/(\d+)\/threads\/archived\/public$/, ([c], _b, query) => this.listArchived(c as string, query)],
      ['GET', /^\/guilds\/(\d+)\/threads\/active$/, () => ok({ threads: [...s.channels.values()].filter((c) => c.type === 11 && !(c.thread_metadata as Json | undefined)?.archived), members: [] })],
      ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, () => ({ status: 204 })],
      ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, ([, token], b) => ok({ id: s.snowflake(), channel_id: '0', author: BOT_USER, content: '', embeds: [], components: [], ...b, interaction_token: token, timestamp: new Date().toISOString() })],
      ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, ([, token], b) => ok({ id: s.snowflake(), channel_id: '0', author: BOT_USER, content: '', embeds: [], components: [], ...b, interaction_token: token, timestamp: new Date().toISOString() })],
      ['PUT', /^\/applications\/(\d+)\/commands$/, (_p, b) => ok((b as unknown as Json[]).map((c) => ({ ...c, id: s.snowflake(), application_id: APPLICATION_ID, version: '1' })))],
      ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, ([, g], b) => ok((b as unknown as Json[]).map((c) => ({ ...c, id: s.snowflake(), application_id: APPLICATION_ID, guild_id: g, version: '1' })))],
    ];
  }

  /** Like Discord: with `after`, the oldest `limit` messages after it, returned newest first. */
  private listMessages(channelId: string, query: URLSearchParams): Reply {
    const all = this.state.messages.get(channelId);
    if (!all) return error(404, 10003, 'Unknown Channel');
    const after = BigInt(query.get('after') ?? '0');
    const limit = Number(query.get('limit') ?? 50);
    const newer = [...all.values()].filter((m) => BigInt(m.id) > after).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).slice(0, limit);
    return ok(newer.reverse());
  }

  /** Like Discord: a channel's public archived threads, most recently archived first, archived before `before`. */
  private listArchived(channelId: string, query: URLSearchParams): Reply {
    const before = query.get('before') ? Date.parse(query.get('before') as string) : Infinity;
    const limit = Number(query.get('limit') ?? 50);
    const archivedAt = (c: Json) => Date.parse(String((c.thread_metadata as Json).archive_timestamp));
    const archived = [...this.state.channels.values()]
      .filter((c) => c.type === 11 && c.parent_id === channelId && (c.thread_metadata as Json | undefined)?.archived && archivedAt(c) < before)
      .sort((a, b) => archivedAt(b) - archivedAt(a));
    return ok({ threads: archived.slice(0, limit), members: [], has_more: archived.length > limit });
  }

  /** Posting checks what Discord checks that matters here, and honours enforce_nonce as Discord does. */
  private postMessage(channelId: string, body: Json): Reply {
    if (!this.state.channels.has(channelId)) return error(404, 10003, 'Unknown Channel');
    const nonceKey = typeof body.nonce === 'string' && body.enforce_nonce ? `${channelId}:${body.nonce}` : undefined;
    const seen = nonceKey ? this.state.nonces.get(nonceKey) : undefined;
    if (seen) return ok(seen);
    if (typeof body.content === 'string' && body.content.length > 2000) return error(400, 50035, 'Invalid Form Body');
    const { nonce: _n, enforce_nonce: _e, allowed_mentions: _a, files: _f, ...fields } = body;
    const attachments = fileAttachments(body);
    const message = this.state.addMessage(channelId, { ...(fields as Partial<Json>), attachments, author: BOT_USER, content: String(body.content ?? ''), embeds: (body.embeds as Json[]) ?? [], components: (body.components as Json[]) ?? [], allowed_mentions_sent: body.allowed_mentions, nonce: body.nonce });
    if (nonceKey) this.state.nonces.set(nonceKey, message);
    return ok(message);
  }
}

/** Discord's 429: how long in seconds (fractions allowed) in the header and the body, and whether it was the global limit. */
function rateLimitedReply(refused: Refusal): Reply {
  const seconds = refused.retryAfterMs / 1000;
  const global = refused.limit.scope === 'global';
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global },
    headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user', ...(global ? { 'x-ratelimit-global': 'true' } : {}) },
  };
}

/** A message with files comes as multipart: the JSON in `payload_json`, each file in `files[n]`, as discord.js sends it. */
async function multipartBody(bytes: Buffer, contentType: string): Promise<Json> {
  const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  const body = JSON.parse(String(form.get('payload_json') ?? '{}')) as Json;
  const files: { field: string; name: string; size: number; type: string; head: string }[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, size: data.length, type: value.type, head: data.subarray(0, 8).toString('latin1') });
  }
  return { ...body, files };
}

/** Attachments as Discord stores them: each declared attachment matched to the file part it names. */
function fileAttachments(body: Json): Json[] {
  const files = (body.files as { field: string; name: string; size: number; type: string; head: string }[] | undefined) ?? [];
  const declared = (body.attachments as { id: number; filename: string; description?: string }[] | undefined) ?? [];
  return files.map((f, i) => {
    const meta = declared.find((a) => `files[${a.id}]` === f.field) ?? declared[i];
    return { id: String(900_000 + i), filename: meta?.filename ?? f.name, description: meta?.description, size: f.size, content_type: f.type, png: f.head.startsWith('\x89PNG') };
  });
}
