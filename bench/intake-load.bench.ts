import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, setPriority } from 'node:os';
import { signIntake } from '../src/adapters/http/signature.js';
import { freePort } from '../src/db/embedded.js';
import { benchDatabase } from './support/bench-database.js';
import { feedbackText } from './support/feedback-texts.js';
import { startBot } from './support/start-bot.js';
import { note, percentile, report } from './report.js';

const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 60);
const SECRET = 'fernhill-example-intake-secret';
/** A sender this late (p99) against its schedule did not offer the rate asked for: the figures are then of less load. */
const SENDER_LATE_MS = 100;

/**
 * The bot as `npm start` runs it (built JavaScript, example organisation, console delivery) taking RATE signed
 * webhook posts per second for SECONDS, sent on a fixed schedule (open loop: a slow answer does not slow the sender).
 * Reports the intake's p99, how late the cards reached the console after their capture (p99), errors, peak RSS, and
 * what the bot's CPU cost per post was (a figure the machine's load moves less than latencies).
 *
 * The sender is made light (node:http on kept-alive connections, nothing but the signature computed per post) and
 * runs at a lower CPU priority than the bot and its database, so that on a busy machine it is the sender that falls
 * behind rather than the bot that is starved; how far behind it fell is reported, and the run says when the rate
 * asked for was not really offered.
 */
const database = await benchDatabase(4);
const port = await freePort();
// The bot's own warnings would flood the output under overload: they are counted, and the first few shown.
const bot = startBot({ DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn' }, ['ignore', 'ignore', 'pipe']);
let botWarnings = 0;
const firstWarnings: string[] = [];
bot.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
  for (const line of chunk.split('\n').filter(Boolean)) {
    botWarnings += 1;
    if (firstWarnings.length < 3) firstWarnings.push(line.slice(0, 300));
  }
});
const proc = (file: string) => readFileSync(`/proc/${bot.pid}/${file}`, 'utf8');
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(proc('status'))?.[1]) * 1024;
/** The bot's user + system CPU so far, in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
const botCpuMs = () => {
  const fields = proc('stat').slice(proc('stat').lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
for (let i = 0; ; i += 1) {
  if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok) break;
  if (i > 300) throw new Error('the bot did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
// From here on only the sender runs in this process: it yields the CPU to the bot (children keep their priority).
setPriority(10);

// An idle socket is let go after 30 s, well before the bot's keep-alive timeout (65 s): the sender never writes onto
// a socket the server is closing (the ECONNRESET of Node's 5 s default).
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 });
const latencies: number[] = [];
const senderLate: number[] = [];
const outcomes = new Map<string, number>();
/** BENCH_INTAKE_TRACE=<file>: each post's [ms after the start it was due, ms it took], to see when the slow ones were. */
const trace: [number, number][] | undefined = process.env.BENCH_INTAKE_TRACE ? [] : undefined;
const post = (i: number, due: number) => new Promise<void>((resolve) => {
  const body = JSON.stringify({ id: `load-${i}`, text: feedbackText(i), author: { email: `member${i % 300}@example.org`, name: `Member ${i % 300}` } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const t0 = performance.now();
  senderLate.push(t0 - due);
  const done = (outcome: string) => {
    latencies.push(performance.now() - t0);
    trace?.push([Math.round(due - started), Math.round(performance.now() - t0)]);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    resolve();
  };
  const req = request({ host: '127.0.0.1', port, path: '/intake/forum', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, body) } }, (res) => {
    res.resume();
    res.on('end', () => done(String(res.statusCode)));
    res.on('error', () => done('response error'));
  });
  req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'request error'));
  req.end(body);
});
const total = RATE * SECONDS;
const load = loadavg()[0] as number;
const cpuBefore = botCpuMs();
const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < total; i += 1) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  inFlight.push(post(i, due));
}
const sendSeconds = (performance.now() - started) / 1000;
await Promise.all(inFlight);
// The worker delivers what is left; the lag is each card's delivery time minus its item's capture time.
for (let i = 0; ; i += 1) {
  const [row] = await database.sql`select count(*) filter (where status in ('pending', 'sending')) as waiting from deliveries`;
  if (Number(row?.waiting) === 0 || i > 1_500) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const botCpuPerPost = (botCpuMs() - cpuBefore) / total;
const [lag] = await database.sql<{ p99: number; p50: number; cards: number; unsent: number }[]>`
  select percentile_cont(0.99) within group (order by extract(epoch from d.sent_at - f.captured_at) * 1000) as p99,
    percentile_cont(0.5) within group (order by extract(epoch from d.sent_at - f.captured_at) * 1000) as p50,
    count(*) filter (where d.status = 'sent')::int as cards, count(*) filter (where d.status <> 'sent')::int as unsent
  from deliveries d join feedback_items f on f.id = d.item_id where d.kind = 'card'`;
const accepted = outcomes.get('202') ?? 0;
const errors = total - accepted;
const lateP99 = percentile(senderLate, 99);
const answers = Object.fromEntries([...outcomes].sort());
note(`${total} posts in ${sendSeconds.toFixed(1)} s (asked: ${SECONDS} s), answers ${JSON.stringify(answers)}; ${lag?.cards} cards delivered to the console, ${lag?.unsent} not; lag p50 ${Number(lag?.p50).toFixed(0)} ms; bot ${botCpuPerPost.toFixed(2)} ms CPU per post; load average ${load.toFixed(1)} at the start, ${(loadavg()[0] as number).toFixed(1)} at the end`);
if (botWarnings > 0) note(`the bot logged ${botWarnings} warnings, first: ${firstWarnings.join(' | ')}`);
if (lateP99 > SENDER_LATE_MS || sendSeconds > SECONDS * 1.05) {
  note(`the machine did not sustain the schedule: the sender (at a lower priority than the bot) went out up to ${lateP99.toFixed(0)} ms late (p99) and took ${sendSeconds.toFixed(1)} s for ${SECONDS} s of posts (${(total / sendSeconds).toFixed(0)} posts/s on average, in bursts): the CPU was taken by other processes (load average above)`);
}
note(`at ${botCpuPerPost.toFixed(2)} ms of the bot's CPU per post at this rate (capture, delivery, HTTP and its idle work together; fixed costs weigh more at low rates), one free core would carry about ${Math.floor(1000 / botCpuPerPost)} posts/s`);
report('intake_load_p99_ms', percentile(latencies, 99), 'ms', { rate: RATE, seconds: SECONDS, errors, answers, p50: Number(percentile(latencies, 50).toFixed(1)), offeredPerS: Number((total / sendSeconds).toFixed(1)), senderLateP99Ms: Number(lateP99.toFixed(1)), loadAverage: Number(load.toFixed(1)) });
report('intake_to_delivered_lag_p99_ms', Number(lag?.p99), 'ms', { cards: lag?.cards, unsent: lag?.unsent, p50: Math.round(Number(lag?.p50)) });
report('intake_load_peak_rss', peakRss() / 2 ** 20, 'MB');
report('intake_load_bot_cpu_per_post', botCpuPerPost, 'ms');
if (trace) writeFileSync(process.env.BENCH_INTAKE_TRACE as string, JSON.stringify(trace));
agent.destroy();
bot.kill('SIGTERM');
await new Promise((resolve) => bot.once('exit', resolve));
await database.dispose();
