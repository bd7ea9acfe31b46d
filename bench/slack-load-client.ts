import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/**
 * The load generator for slack-ack.bench.ts, in its own process: signed Slack requests (slash commands, button
 * clicks, message events in turn) sent on an open-loop schedule, each timed from send to answer. Reads its settings
 * as JSON on stdin, writes the timings as JSON on stdout. Loopback only; it stops after `seconds`.
 */
interface Settings { url: string; secret: string; rate: number; seconds: number; respondUrl: string; routingIds: number[] }
type Kind = 'command' | 'button' | 'event';

const settings = JSON.parse(await new Promise<string>((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk: Buffer) => (data += chunk.toString()));
  process.stdin.on('end', () => resolve(data));
})) as Settings;

let sequence = 0;
function request(kind: Kind): { body: string; type: string } {
  sequence += 1;
  const ts = `${1_795_000_000 + sequence}.000100`;
  if (kind === 'event') {
    return { type: 'application/json', body: JSON.stringify({ type: 'event_callback', team_id: 'T0TEST', api_app_id: 'A0', event_id: `Ev${sequence}`, event_time: 1, event: { type: 'message', channel: 'C0BIGCO', user: 'U0CUST', text: `We would love feature ${sequence}, please add it`, ts, event_ts: ts, channel_type: 'channel' } }) };
  }
  if (kind === 'command') {
    return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ team_id: 'T0TEST', channel_id: 'C0BIGCO', user_id: 'U0MAYA', user_name: 'maya', command: '/feedback', text: `community:bigco Please add feature ${sequence}`, response_url: `${settings.respondUrl}/${sequence}`, trigger_id: `${sequence}.trigger` }).toString() };
  }
  const routing = settings.routingIds[sequence % settings.routingIds.length];
  const payload = { type: 'block_actions', user: { id: 'U0PRIYA', name: 'priya', team_id: 'T0TEST' }, team: { id: 'T0TEST' }, api_app_id: 'A0', trigger_id: `${sequence}.trigger`, container: { type: 'message', message_ts: ts, channel_id: 'C0PRODUCT' }, channel: { id: 'C0PRODUCT' }, message: { ts, type: 'message' }, response_url: `${settings.respondUrl}/${sequence}`, actions: [{ action_id: 'card:acknowledge', block_id: 'b', type: 'button', value: `${routing}:product`, action_ts: `${ts}${sequence}` }] };
  return { type: 'application/x-www-form-urlencoded', body: `payload=${encodeURIComponent(JSON.stringify(payload))}` };
}

async function send(kind: Kind): Promise<{ kind: Kind; ms: number; status: number }> {
  const { body, type } = request(kind);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', settings.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(settings.url, { method: 'POST', body, headers: { 'content-type': type, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature } });
  await response.arrayBuffer();
  return { kind, ms: performance.now() - started, status: response.status };
}

const kinds: Kind[] = ['command', 'button', 'event'];
// Warm-up (JIT, connections, the user-group cache), not counted.
for (const kind of kinds) await Promise.all(Array.from({ length: 10 }, () => send(kind)));
await new Promise((resolve) => setTimeout(resolve, 2_000));
// Open loop: requests leave on schedule whatever the answers do, so slow answers show as latency, not a lower rate.
const pending: Promise<{ kind: Kind; ms: number; status: number }>[] = [];
const start = performance.now();
for (let i = 0; i < settings.rate * settings.seconds; i += 1) {
  const wait = start + (i * 1000) / settings.rate - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  pending.push(send(kinds[i % kinds.length] as Kind));
}
const results = await Promise.all(pending);
process.stdout.write(JSON.stringify({ results, elapsed: (performance.now() - start) / 1000 }));
