import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { signIntake } from '../src/adapters/http/signature.js';
import { loadConfig } from '../src/config/load-config.js';
import { freePort } from '../src/db/embedded.js';
import { benchDatabase } from './support/bench-database.js';
import { feedbackText } from './support/feedback-texts.js';
import { signInTo, walkPages } from './support/web-session.js';
import { startBot, startScript } from './support/start-bot.js';
import { note, percentile, report } from './report.js';

const POSTS = 3_000;
const CONCURRENCY = 8;
const SECRET = 'fernhill-example-intake-secret';

/**
 * Peak resident memory of the bot process, started as `npm start` starts it (built JavaScript on plain Node, the
 * example organisation, console delivery), after it has taken POSTS signed webhook posts, routed them and delivered
 * every card, while a leader and a community manager use the web app all along (Impact with its charts, Silos,
 * the inbox, the digests, item pages). VmHWM is the kernel's high-water mark. An intake answered 503 (the database
 * did not answer in time: on a loaded machine) is sent again after its Retry-After, as a webhook sender would.
 */
const database = await benchDatabase(4);
const port = await freePort();
const bot = startBot({ DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn' }, ['ignore', 'ignore', 'inherit']);
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${bot.pid}/status`, 'utf8'))?.[1]) * 1024;

for (let i = 0; ; i += 1) {
  if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok) break;
  if (i > 300) throw new Error('the bot did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const idle = peakRss();
const base = `http://127.0.0.1:${port}`;
const { config } = await loadConfig(undefined);
const sessions = [await signInTo(base, database.db, config, 'ada'), await signInTo(base, database.db, config, 'maya')];
const PAGES = ['/', '/?period=month', '/silos', '/inbox', '/inbox?page=2', '/digests', '/items?period=quarter'];
let posting = true;
const pageTimes: number[] = [];
const browsing = Promise.all(sessions.map(async (cookie) => {
  do {
    const [item] = await database.sql`select id from feedback_items order by random() limit 1`;
    pageTimes.push(...(await walkPages(base, cookie, [...PAGES, ...(item ? [`/items/${item.id}`] : [])])));
  } while (posting);
}));
let next = 0;
let resent = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < POSTS) {
    const i = next++;
    const body = JSON.stringify({ id: `rss-${i}`, text: feedbackText(i), author: { email: `member${i % 300}@example.org`, name: `Member ${i % 300}` } });
    for (let attempt = 1; ; attempt += 1) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(`http://127.0.0.1:${port}/intake/forum`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(SECRET, timestamp, body) } });
      if (response.status === 202) break;
      if (response.status !== 503 || attempt === 5) throw new Error(`intake answered ${response.status}`);
      resent += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(Number(response.headers.get('retry-after') ?? 1), 5) * 1000));
    }
  }
}));
// Wait until the worker has delivered every card.
for (;;) {
  const [row] = await database.sql`select count(*) filter (where status in ('pending', 'sending')) as waiting from deliveries`;
  if (Number(row?.waiting) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
posting = false;
await browsing;
const [counts] = await database.sql`select (select count(*) from feedback_items) as items, (select count(*) from deliveries where status = 'sent') as sent, (select count(*) from deliveries where status <> 'sent') as unsent`;
note(`bot (${startScript().join(' ')}) took ${POSTS} posts: ${counts?.items} items, ${counts?.sent} messages delivered to the console (${counts?.unsent} not sent), ${resent} sent again after a 503; idle peak ${(idle / 2 ** 20).toFixed(1)} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
note(`${pageTimes.length} pages served meanwhile, p50 ${percentile(pageTimes, 50).toFixed(0)} ms, p95 ${percentile(pageTimes, 95).toFixed(0)} ms`);
report('bot_peak_rss', peakRss() / 2 ** 20, 'MB', { limit: 250, posts: POSTS, pagesServed: pageTimes.length, resentAfter503: resent, loadAverage: Number(loadavg()[0]?.toFixed(1)), idleMB: Number((idle / 2 ** 20).toFixed(1)), note: 'posts routed and delivered while two signed-in people browse the web app' });
bot.kill('SIGTERM');
await new Promise((resolve) => bot.once('exit', resolve));
await database.dispose();
