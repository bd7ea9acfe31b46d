import { duplicateArrivals } from '../bench/support/duplicate-set.js';
import { similarityTerms } from '../src/core/duplicates/similarity-terms.js';
import { rankSimilar } from '../src/core/duplicates/rank-similar.js';
const rows = duplicateArrivals().map((a, i) => ({ id: i + 1, ...a, terms: similarityTerms(a.text) }));
for (const limit of [2, 3]) for (const th of [0.2, 0.25, 0.3, 0.35, 0.4]) {
  let suggested = 0, correct = 0, withDup = 0, found = 0;
  for (const r of rows) {
    const earlier = rows.filter((o) => o.id < r.id);
    const hasDup = r.group !== undefined && earlier.some((o) => o.group === r.group);
    if (hasDup) withDup++;
    const top = rankSimilar(r.terms, earlier.map((o) => ({ terms: o.terms, value: o })), { minScore: th, limit });
    suggested += top.length;
    const good = top.filter((c) => r.group !== undefined && c.value.group === r.group).length;
    correct += good; if (hasDup && good > 0) found++;
  }
  const p = correct / (suggested || 1), rc = found / withDup;
  console.log(limit, th, 'P', p.toFixed(2), 'R', rc.toFixed(2), 'F1', ((2 * p * rc) / (p + rc || 1)).toFixed(2), 'n', suggested);
}
