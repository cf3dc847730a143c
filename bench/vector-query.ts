// Milliseconds per nearest-neighbour scoring (multiplyRows over every row of a unit-norm store), on
// the TypeScript loop and on the WebAssembly kernel (float64 and float32 sums), random normal vectors.
//   node dist/bench/vector-query.js [--words 100000] [--dim 100] [--queries 200] [--seed 42]
import { parseArgs } from 'node:util';
import { multiplyRows, multiplyRowsInJs, normalizeRows, unitCopy } from '../src/vectors/vector-math.js';
import { setVectorKernelPrecision } from '../src/vectors/row-scoring-kernel.js';
import { Random } from '../src/util/random.js';

const { values } = parseArgs({
  options: {
    words: { type: 'string', default: '100000' },
    dim: { type: 'string', default: '100' },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
  },
});
const words = Number(values.words);
const dim = Number(values.dim);
const queries = Number(values.queries);
const random = new Random(Number(values.seed));
const vectors = new Float32Array(words * dim);
for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal();
const units = normalizeRows(vectors, words, dim);
const queryRows = Array.from({ length: queries }, (_, q) => unitCopy(vectors.subarray(((q * 7919) % words) * dim, ((q * 7919) % words) * dim + dim)));
const reference = new Float64Array(words);
const scores = new Float64Array(words);

function msPerQuery(score: (query: Float64Array) => void): number {
  for (let q = 0; q < Math.min(10, queries); q++) score(queryRows[q]);
  const start = process.hrtime.bigint();
  for (const query of queryRows) score(query);
  return Number(process.hrtime.bigint() - start) / 1e6 / queries;
}

function maxDifference(): number {
  let worst = 0;
  for (const query of queryRows.slice(0, 20)) {
    multiplyRowsInJs(units, words, dim, query, reference);
    multiplyRows(units, words, dim, query, scores);
    for (let i = 0; i < words; i++) worst = Math.max(worst, Math.abs(reference[i] - scores[i]));
  }
  return worst;
}

console.log(`${words} × ${dim}, ${queries} queries, seed ${values.seed}`);
console.log(`TypeScript loop: ${msPerQuery((query) => multiplyRowsInJs(units, words, dim, query, scores)).toFixed(2)} ms/query`);
for (const precision of ['f64', 'f32'] as const) {
  setVectorKernelPrecision(precision);
  const ms = msPerQuery((query) => multiplyRows(units, words, dim, query, scores));
  console.log(`kernel ${precision}: ${ms.toFixed(2)} ms/query, max |difference| from the TypeScript loop ${maxDifference().toExponential(2)}`);
}
