import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { micros } from '../../../src/adapters/slack/slack-ts.js';
import { PlatformRateLimits } from '../../fakes/platform-rate-limits.js';
import { slackWindowLimits } from './slack-api-limits.js';

/** `at`: when the call came, on the limits' clock (only while limits are enforced). */
export interface RecordedCall { method: string; args: Record<string, unknown>; result?: Record<string, unknown>; authorization?: string; at?: number }
/** `lost`: the call takes effect (a post is posted) but its answer never comes back, as when a connection drops. */
export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { hang: true } | { lost: true } | { error: string };
export interface StoredMessage { text: string; user?: string; bot_id?: string; thread_ts?: string; user_profile?: Record<string, string> }
/** A file as the upload API saw it: announced (getUploadURLExternal), its bytes posted, then shared (completeUploadExternal). */
export interface FakeUpload { id: string; filename: string; length: number; alt_text?: string; bytes?: Buffer; shared?: { channel: string; thread_ts?: string; ts: string; title?: string; initial_comment?: string } }

/**
 * A loopback stand-in for slack.com/api: it answers the Web API methods Liaison calls, records every call (and
 * every response_url post) for tests to assert on, and can be told to answer 429, 500, a Slack error, or never.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly groups = new Map<string, string[]>();
  /** When set, the workspace has exactly the groups in `groups`: any other is answered no_such_subteam, as Slack does. */
  onlyKnownGroups = false;
  readonly users = new Map<string, string>();
  readonly messages = new Map<string, StoredMessage>();
  readonly uploads = new Map<string, FakeUpload>();
  /** Channels whose membership the bot can be asked about (conversations.info, or history's not_in_channel). */
  readonly channels = new Map<string, { name: string; isMember: boolean; isPrivate?: boolean }>();
  /** The bot token's scopes, as Slack sends them in every answer's x-oauth-scopes header: the manifest's by default. */
  scopes = ['channels:history', 'groups:history', 'reactions:read', 'chat:write', 'files:write', 'im:write', 'commands', 'usergroups:read', 'users:read'];
  private nextFile = 1;
  private readonly failures: { method: string; failure: Failure; after: number; channel?: string }[] = [];
  private readonly hung: ServerResponse[] = [];
  private nextTs = 1_700_100_000;
  private server: Server | undefined;
  url = '';
  /** What apps.connections.open hands out: the Socket Mode WebSocket URL (see fake-socket-mode.ts). */
  socketUrl = '';
  /** Slack's rate limits, once `enforceLimits` is called: calls over them are answered 429 with Retry-After. */
  limits: PlatformRateLimits | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The HTTP server, for a WebSocket endpoint to share its port. */
  get httpServer(): Server {
    if (!this.server) throw new Error('the fake Slack API is not started');
    return this.server;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** From now on, answers like Slack does when its rate limits are exceeded, counting time on `now` (ms). */
  enforceLimits(now: () => number): PlatformRateLimits {
    this.limits = new PlatformRateLimits(now);
    return this.limits;
  }

  /** The next call of `method` (after letting `after` calls through; only calls for `channel`, when given) fails this way. */
  failNext(method: string, failure: Failure, after = 0, channel?: string): void {
    this.failures.push({ method, failure, after, ...(channel === undefined ? {} : { channel }) });
  }

  /** The app's posts as Slack keeps them: a channel's top-level ones newest first (history), or a thread's parent and replies (replies). */
  private listed(method: string, args: Record<string, unknown>): Record<string, unknown>[] {
    const inChannel = [...this.posts(String(args.channel)), ...this.fileShares(String(args.channel))].sort((a, b) => Number(a.ts) - Number(b.ts));
    if (method === 'conversations.replies') return inChannel.filter((m) => m.ts === String(args.ts) || m.thread_ts === String(args.ts));
    return inChannel.filter((m) => !m.thread_ts).reverse().slice(0, Number(args.limit ?? 100));
  }

  /**
   * A channel's history as conversations.history pages it: top-level messages (thread replies live in their thread)
   * between `oldest` and `latest` (the present when unset; both bounds excluded unless `inclusive`), newest first,
   * `limit` at a time, with `has_more` and a `next_cursor` to the older ones while more remain.
   */
  private historyPage(args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel);
    const inclusive = String(args.inclusive) === 'true' || String(args.inclusive) === '1';
    const oldest = args.oldest === undefined ? -Infinity : micros(String(args.oldest));
    const latest = args.latest === undefined ? Infinity : micros(String(args.latest));
    const within = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
    const all = [...this.messages]
      .filter(([key, m]) => key.startsWith(`${channel}:`) && within(micros(key.slice(channel.length + 1))) && (!m.thread_ts || m.thread_ts === key.slice(channel.length + 1)))
      .map(([key, m]) => ({ type: 'message', ts: key.slice(channel.length + 1), ...m }))
      .sort((a, b) => micros(b.ts) - micros(a.ts));
    const from = Number(String(args.cursor ?? 'offset:0').replace('offset:', ''));
    const limit = Number(args.limit ?? 100);
    const messages = all.slice(from, from + limit);
    const more = from + limit < all.length;
    return { messages, has_more: more, response_metadata: { next_cursor: more ? `offset:${from + limit}` : '' } };
  }

  /** Files shared into channels and threads, as the messages Slack shows for them. */
  fileShares(channel?: string): (Record<string, unknown> & { ts: string })[] {
    return [...this.uploads.values()]
      .filter((u) => u.shared && (channel === undefined || u.shared.channel === channel))
      .map((u) => ({ channel: u.shared?.channel, ts: u.shared?.ts as string, thread_ts: u.shared?.thread_ts, text: u.shared?.initial_comment ?? '', files: [{ id: u.id, name: u.filename, title: u.shared?.title, alt_txt: u.alt_text, size: u.bytes?.length }] }));
  }

  called(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Successful posts, with the ts Slack gave each. */
  posts(channel?: string): (Record<string, unknown> & { ts: string })[] {
    return this.calls
      .filter((c) => c.method === 'chat.postMessage' && c.result?.ok && (channel === undefined || c.args.channel === channel))
      .map((c) => ({ ...c.args, ts: String(c.result?.ts), ...(c.at === undefined ? {} : { at: c.at }) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const raw = bytes.toString();
    const url = req.url ?? '';
    if (url.startsWith('/upload/')) return this.receiveFile(url.slice('/upload/'.length), bytes, req.headers['content-type'], res);
    if (url.startsWith('/respond/')) {
      this.calls.push({ method: 'response_url', args: { ...(JSON.parse(raw) as Record<string, unknown>), url } });
      res.writeHead(200).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = decode(raw, req.headers['content-type']);
    const index = this.failures.findIndex((f) => f.method === method && (f.channel === undefined || f.channel === args.channel));
    const pending = this.failures[index];
    let failure: Failure | undefined;
    if (pending && pending.after > 0) pending.after -= 1;
    else if (pending) failure = this.failures.splice(index, 1)[0]?.failure;
    const call: RecordedCall = { method, args: { ...args, ...(failure ? { failedWith: failure } : {}) }, authorization: req.headers.authorization, ...(this.limits ? { at: this.limits.time() } : {}) };
    this.calls.push(call);
    if (failure && 'hang' in failure) return void this.hung.push(res);
    if (failure && 'lost' in failure) {
      call.result = this.answer(method, args);
      return void this.hung.push(res);
    }
    if (failure && 'status' in failure) {
      res.writeHead(failure.status, failure.status === 429 ? { 'retry-after': String(failure.retryAfter) } : {}).end();
      return;
    }
    // A bot token belongs to one workspace: Slack counts the method tiers per workspace and app.
    const refused = failure ? undefined : this.limits?.admit(slackWindowLimits(method, args, req.headers.authorization ?? ''));
    if (refused) {
      // Slack says how long in whole seconds, and the call did nothing.
      call.args.failedWith = { status: 429, scope: refused.limit.scope };
      res.writeHead(429, { 'retry-after': String(Math.ceil(refused.retryAfterMs / 1000)) }).end();
      return;
    }
    const body = failure ? { ok: false, error: failure.error } : this.answer(method, args);
    call.result = body;
    res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': this.scopes.join(',') }).end(JSON.stringify(body));
  }

  /** The upload URL takes the file's bytes as Slack's does (the Web API client posts them as one multipart field). */
  private async receiveFile(id: string, body: Buffer, contentType: string | undefined, res: ServerResponse): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return void res.writeHead(404).end();
    const form = await new Response(body, { headers: { 'content-type': contentType ?? 'application/octet-stream' } }).formData().catch(() => undefined);
    const part = form ? [...form.values()].find((v) => typeof v !== 'string') : undefined;
    upload.bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : body;
    this.calls.push({ method: 'upload', args: { id, bytes: upload.bytes.length } });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ok = (extra: Record<string, unknown> = {}) => ({ ok: true, ...extra });
    switch (method) {
      case 'apps.connections.open': return ok({ url: this.socketUrl });
      case 'auth.test': return ok({ user: 'liaison', user_id: 'UBOT', bot_id: 'BBOT', team: 'Test Co', team_id: 'T0TEST', url: 'https://testco.slack.com/' });
      case 'conversations.info': {
        const known = this.channels.get(String(args.channel));
        const readable = known?.isPrivate ? this.scopes.includes('groups:read') : this.scopes.includes('channels:read');
        if (!readable) return { ok: false, error: 'missing_scope', needed: known?.isPrivate ? 'groups:read' : 'channels:read', provided: this.scopes.join(',') };
        // A private channel the bot is not in does not exist, as far as the bot can tell.
        if (!known || (known.isPrivate && !known.isMember)) return { ok: false, error: 'channel_not_found' };
        return ok({ channel: { id: args.channel, name: known.name, is_private: Boolean(known.isPrivate), is_member: known.isMember } });
      }
      case 'chat.postMessage': return ok({ channel: args.channel, ts: `${this.nextTs++}.000100` });
      case 'chat.update': return ok({ channel: args.channel, ts: args.ts });
      case 'chat.postEphemeral': return ok({ message_ts: `${this.nextTs++}.000200` });
      case 'chat.getPermalink': return ok({ permalink: `https://testco.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` });
      case 'conversations.open': return ok({ channel: { id: `D${String(args.users)}` } });
      case 'files.getUploadURLExternal': {
        const id = `F0FAKE${this.nextFile++}`;
        this.uploads.set(id, { id, filename: String(args.filename), length: Number(args.length), alt_text: args.alt_text === undefined ? undefined : String(args.alt_text) });
        return ok({ upload_url: `${this.url}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
        for (const f of files) {
          const upload = this.uploads.get(f.id);
          if (!upload?.bytes) return { ok: false, error: 'file_not_found' };
          upload.shared = { channel: String(args.channel_id), thread_ts: args.thread_ts === undefined ? undefined : String(args.thread_ts), ts: `${this.nextTs++}.000300`, title: f.title, initial_comment: args.initial_comment === undefined ? undefined : String(args.initial_comment) };
        }
        return ok({ files: files.map((f) => ({ id: f.id, title: f.title })) });
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const known = this.channels.get(String(args.channel));
        if (known && !known.isMember) return { ok: false, error: known.isPrivate ? 'channel_not_found' : 'not_in_channel' };
        if (args.include_all_metadata) return ok({ messages: this.listed(method, args) });
        if (method === 'conversations.history') return ok(this.historyPage(args));
        const ts = String(args.latest ?? args.ts);
        const found = this.messages.get(`${String(args.channel)}:${ts}`);
        // A thread reply is not in the channel's history, only in its thread.
        const visible = found && (method === 'conversations.replies' || !found.thread_ts || found.thread_ts === ts);
        return ok({ messages: visible ? [{ type: 'message', ts, ...found }] : [] });
      }
      case 'usergroups.users.list': {
        const users = this.groups.get(String(args.usergroup));
        if (!users && this.onlyKnownGroups) return { ok: false, error: 'no_such_subteam' };
        return ok({ users: users ?? [] });
      }
      case 'users.info': return ok({ user: { id: args.user, name: String(args.user).toLowerCase(), profile: { display_name: this.users.get(String(args.user)) ?? '', real_name: this.users.get(String(args.user)) ?? '' } } });
      default: return ok();
    }
  }
}

/** The Web API client sends form fields, with objects and arrays (blocks, views) as JSON strings. */
function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const form = parseQuery(raw) as Record<string, string>;
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v]));
}
