import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { signIntake } from '../src/adapters/http/signature.js';
import { freePort } from '../src/db/embedded.js';
import { benchDatabase } from './support/bench-database.js';
import { feedbackText } from './support/feedback-texts.js';
import { note, percentile, report } from './report.js';

const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 60);
const SECRET = 'fernhill-example-intake-secret';

/**
 * The bot as `npm start` runs it (built JavaScript, example organisation, console delivery) taking RATE signed
 * webhook posts per second for SECONDS, sent on a fixed schedule (open loop: a slow answer does not slow the sender).
 * Reports the intake's p99, how late the cards reached the console after their capture (p99), errors, and peak RSS.
 */
const database = await benchDatabase(4);
const port = await freePort();
const root = fileURLToPath(new URL('..', import.meta.url));
if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
const bot = spawn(process.execPath, ['dist/cli.js', 'start'], { cwd: root, env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${bot.pid}/status`, 'utf8'))?.[1]) * 1024;
for (let i = 0; ; i += 1) {
  if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok) break;
  if (i > 300) throw new Error('the bot did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const latencies: number[] = [];
let errors = 0;
const post = async (i: number) => {
  const body = JSON.stringify({ id: `load-${i}`, text: feedbackText(i), author: { email: `member${i % 300}@example.org`, name: `Member ${i % 300}` } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const t0 = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/intake/forum`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, body) } }).catch(() => undefined);
  latencies.push(performance.now() - t0);
  if (response?.status !== 202) errors += 1;
  await response?.arrayBuffer();
};
const total = RATE * SECONDS;
const started = performance.now();
const inFlight: Promise<void>[] = [];
for (let i = 0; i < total; i += 1) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  inFlight.push(post(i));
}
await Promise.all(inFlight);
const sendSeconds = (performance.now() - started) / 1000;
// The worker delivers what is left; the lag is each card's delivery time minus its item's capture time.
for (let i = 0; ; i += 1) {
  const [row] = await database.sql`select count(*) filter (where status in ('pending', 'sending')) as waiting from deliveries`;
  if (Number(row?.waiting) === 0 || i > 1_500) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const [lag] = await database.sql<{ p99: number; p50: number; cards: number; unsent: number }[]>`
  select percentile_cont(0.99) within group (order by extract(epoch from d.sent_at - f.captured_at) * 1000) as p99,
    percentile_cont(0.5) within group (order by extract(epoch from d.sent_at - f.captured_at) * 1000) as p50,
    count(*) filter (where d.status = 'sent')::int as cards, count(*) filter (where d.status <> 'sent')::int as unsent
  from deliveries d join feedback_items f on f.id = d.item_id where d.kind = 'card'`;
note(`${total} posts in ${sendSeconds.toFixed(1)} s, ${errors} not answered 202; ${lag?.cards} cards delivered to the console, ${lag?.unsent} not; lag p50 ${Number(lag?.p50).toFixed(0)} ms`);
report('intake_load_p99_ms', percentile(latencies, 99), 'ms', { rate: RATE, seconds: SECONDS, errors, p50: Number(percentile(latencies, 50).toFixed(1)) });
report('intake_to_delivered_lag_p99_ms', Number(lag?.p99), 'ms', { cards: lag?.cards, unsent: lag?.unsent, p50: Math.round(Number(lag?.p50)) });
report('intake_load_peak_rss', peakRss() / 2 ** 20, 'MB');
bot.kill('SIGTERM');
await new Promise((resolve) => bot.once('exit', resolve));
await database.dispose();
