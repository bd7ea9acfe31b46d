import postgres from 'postgres';
import { duplicateArrivals } from '/work/wt/routing-flow/bench/support/duplicate-set.js';
const sql = postgres('postgres://postgres@127.0.0.1:5432/rf_scratch', { onnotice: () => {} });
const arrivals = duplicateArrivals();
await sql`drop table if exists items`;
await sql`create table items (id serial primary key, text text, grp int)`;
for (const a of arrivals) await sql`insert into items (text, grp) values (${a.text}, ${a.group ?? null})`;
const rows = await sql<{ id: number; text: string; grp: number | null }[]>`select * from items order by id`;

type Scorer = (id: number) => Promise<{ id: number; score: number }[]>;
async function evaluate(name: string, scorer: Scorer) {
  const scored = new Map<number, { id: number; score: number }[]>();
  for (const r of rows) scored.set(r.id, await scorer(r.id));
  for (const th of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    let suggested = 0, correct = 0, withDup = 0, found = 0;
    for (const r of rows) {
      const earlier = rows.filter((o) => o.id < r.id);
      const hasDup = r.grp !== null && earlier.some((o) => o.grp === r.grp);
      if (hasDup) withDup++;
      const top = (scored.get(r.id) ?? []).filter((c) => c.id < r.id && c.score >= th).slice(0, 3);
      suggested += top.length;
      const good = top.filter((c) => rows.find((o) => o.id === c.id)?.grp === r.grp && r.grp !== null).length;
      correct += good;
      if (hasDup && good > 0) found++;
    }
    const p = correct / (suggested || 1), rc = found / withDup;
    console.log(name.padEnd(14), th, 'P', p.toFixed(2), 'R', rc.toFixed(2), 'F1', ((2 * p * rc) / (p + rc || 1)).toFixed(2), 'n', suggested);
  }
}
await evaluate('similarity', async (id) => sql`select b.id, similarity(a.text, b.text) as score from items a, items b where a.id = ${id} and b.id <> a.id order by score desc limit 5`.then((r) => r.map((x) => ({ id: x.id, score: Number(x.score) }))));
await evaluate('word_sim', async (id) => sql`select b.id, greatest(word_similarity(a.text, b.text), word_similarity(b.text, a.text)) as score from items a, items b where a.id = ${id} and b.id <> a.id order by score desc limit 5`.then((r) => r.map((x) => ({ id: x.id, score: Number(x.score) }))));
await evaluate('strict_word', async (id) => sql`select b.id, (strict_word_similarity(a.text, b.text) + strict_word_similarity(b.text, a.text))/2 as score from items a, items b where a.id = ${id} and b.id <> a.id order by score desc limit 5`.then((r) => r.map((x) => ({ id: x.id, score: Number(x.score) }))));
await sql.end();
