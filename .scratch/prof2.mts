import { loadConfig } from '../src/config/load-config.js';
import { similarityTerms } from '../src/core/duplicates/similarity-terms.js';
import { rankSimilar } from '../src/core/duplicates/rank-similar.js';
import { connect } from '../src/db/client.js';
import { feedbackText } from '../bench/support/feedback-texts.js';
const texts = Array.from({ length: 2000 }, (_, i) => feedbackText(i));
for (let k = 0; k < 3; k++) { const t = performance.now(); const c = texts.map((x, i) => ({ terms: similarityTerms(x), value: i })); const t1 = performance.now(); rankSimilar(similarityTerms(texts[7]!), c, { minScore: 0.3, limit: 3 }); console.log('terms', (t1 - t).toFixed(1), 'rank', (performance.now() - t1).toFixed(1)); }
const database = connect('postgres://postgres@127.0.0.1:5432/rf_bench');
for (let k = 0; k < 3; k++) { const t = performance.now(); await database.sql`select i.id, left(i.text,1000) t, (select array_agg(r.team_id order by r.id) from routings r where r.item_id = i.id and r.status in ('open','acknowledged','owned')) teams from feedback_items i where i.merged_into_id is null and exists (select 1 from routings r where r.item_id = i.id and r.status in ('open','acknowledged','owned')) order by captured_at desc limit 2000`; console.log('sql', (performance.now() - t).toFixed(1)); }
await database.close();
