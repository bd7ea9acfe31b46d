import { duplicateArrivals } from '../bench/support/duplicate-set.js';
const rows = duplicateArrivals().map((a, i) => ({ id: i + 1, ...a }));
const STOP = new Set('a an the and or but if then so to of in on at for with from by as is are was were be been being it its this that these those i me my we our you your he she they them their there here what which who whom how when where why do does did doing have has had having can could would should will shall may might must not no nor just very too also than into over under again more most some any all each every both few other such only own same s t don won isn doesn didn can t im ive please hi hello thanks thank would love get got keep keeps seem seems like one'.split(' '));
const stem = (w: string) => w.replace(/'s$/, '').replace(/(ies)$/, 'y').replace(/(sses)$/, 'ss').replace(/([^s])s$/, '$1').replace(/(ing|ed)$/, '').replace(/e$/, '');
const words = (t: string) => (t.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []).map((w) => w.replace(/'.*$/, '')).filter((w) => w.length > 1 && !STOP.has(w)).map(stem).filter((w) => w.length > 1);
const grams = (t: string, n = 4) => { const out: string[] = []; for (const w of words(t)) { const p = ` ${w} `; if (p.length <= n) out.push(p); else for (let i = 0; i + n <= p.length; i++) out.push(p.slice(i, i + n)); } return out; };
type Vec = Map<string, number>;
function tfidf(docs: string[][], sublinear = true, binary = false) {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  return (d: string[]): Vec => { const tf = new Map<string, number>(); for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1); const v: Vec = new Map(); let norm = 0; for (const [t, c] of tf) { const w = (binary ? 1 : sublinear ? 1 + Math.log(c) : c) * Math.log((N + 1) / ((df.get(t) ?? 0) + 1)) + 0; v.set(t, w); norm += w * w; } norm = Math.sqrt(norm) || 1; for (const [t, w] of v) v.set(t, w / norm); return v; };
}
const cos = (a: Vec, b: Vec) => { let s = 0; for (const [t, w] of a) s += w * (b.get(t) ?? 0); return s; };
function evaluate(name: string, score: (a: number, b: number) => number) {
  const best: string[] = [];
  for (const th of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
    let suggested = 0, correct = 0, withDup = 0, found = 0;
    for (const r of rows) {
      const earlier = rows.filter((o) => o.id < r.id);
      const hasDup = r.group !== undefined && earlier.some((o) => o.group === r.group);
      if (hasDup) withDup++;
      const top = earlier.map((o) => ({ o, s: score(r.id, o.id) })).filter((c) => c.s >= th).sort((a, b) => b.s - a.s).slice(0, 3);
      suggested += top.length;
      const good = top.filter((c) => r.group !== undefined && c.o.group === r.group).length;
      correct += good;
      if (hasDup && good > 0) found++;
    }
    const p = correct / (suggested || 1), rc = found / withDup;
    best.push(`${th}: P ${p.toFixed(2)} R ${rc.toFixed(2)} F1 ${((2 * p * rc) / (p + rc || 1)).toFixed(2)} n${suggested}`);
  }
  console.log(name); for (const b of best) console.log('   ', b);
}
const W = rows.map((r) => words(r.text)); const wv = tfidf(W); const WV = W.map(wv);
evaluate('word tfidf', (a, b) => cos(WV[a - 1]!, WV[b - 1]!));
const G = rows.map((r) => grams(r.text)); const gv = tfidf(G); const GV = G.map(gv);
evaluate('char4 tfidf', (a, b) => cos(GV[a - 1]!, GV[b - 1]!));
const G3 = rows.map((r) => [...grams(r.text, 3), ...grams(r.text, 4), ...grams(r.text, 5)]); const g3v = tfidf(G3); const G3V = G3.map(g3v);
evaluate('char345 tfidf', (a, b) => cos(G3V[a - 1]!, G3V[b - 1]!));
evaluate('mix word+char4', (a, b) => 0.5 * cos(WV[a - 1]!, WV[b - 1]!) + 0.5 * cos(GV[a - 1]!, GV[b - 1]!));
const jac = (a: string[], b: string[]) => { const A = new Set(a), B = new Set(b); let i = 0; for (const x of A) if (B.has(x)) i++; return i / (A.size + B.size - i || 1); };
evaluate('word jaccard', (a, b) => jac(W[a - 1]!, W[b - 1]!));
for (const r of rows.slice(0,3)) console.log(r.text, W[r.id-1]);
const bi = (t: string) => { const w = words(t); return [...w, ...w.slice(1).map((x, i) => `${w[i]}_${x}`)]; };
const B = rows.map((r) => bi(r.text)); const bv = tfidf(B); const BV = B.map(bv);
evaluate('word+bigram', (a, b) => cos(BV[a - 1]!, BV[b - 1]!));
const wvb = tfidf(W, false, true); const WB = W.map(wvb);
evaluate('word binary', (a, b) => cos(WB[a - 1]!, WB[b - 1]!));
