// A minimal word-similarity and analogy evaluation for the Word2Vec benchmark, kept here only until
// src/eval has its own; nothing else should depend on it.
import { readFile } from 'node:fs/promises';
import { EmbedkitError } from '../../errors.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';

export interface WordPair {
  a: string;
  b: string;
  score: number;
}

/** `word1 word2 score` per line, tab or space separated (WordSim-353, MEN, ...); words lower-cased. */
export async function readWordPairs(path: string): Promise<WordPair[]> {
  const text = await readFile(path, 'utf8');
  const pairs: WordPair[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const score = Number(fields[2]);
    if (fields.length < 3 || !Number.isFinite(score)) {
      throw new EmbedkitError('BAD_PAIR', 'expected "word1 word2 score"', { file: path, line: i + 1 });
    }
    pairs.push({ a: fields[0].toLowerCase(), b: fields[1].toLowerCase(), score });
  }
  return pairs;
}

/** Ranks from 1, ties sharing their mean rank. */
function ranks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  const out = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let k = start; k < end; k++) out[order[k]] = (start + end + 1) / 2;
    start = end;
  }
  return out;
}

export function spearman(x: Float64Array, y: Float64Array): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += rx[i] / n;
    my += ry[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export interface SimilarityScore {
  spearman: number;
  /** Pairs with both words in the vocabulary (the others are left out). */
  pairs: number;
  total: number;
}

export function wordSimilarity(kv: KeyedVectors, pairs: WordPair[]): SimilarityScore {
  const human: number[] = [];
  const model: number[] = [];
  for (const { a, b, score } of pairs) {
    if (!kv.has(a) || !kv.has(b)) continue;
    human.push(score);
    model.push(kv.similarity(a, b));
  }
  return { spearman: spearman(Float64Array.from(human), Float64Array.from(model)), pairs: human.length, total: pairs.length };
}

export interface AnalogyScore {
  accuracy: number;
  correct: number;
  /** Questions whose four words are all among the `restrict` most frequent. */
  answered: number;
  total: number;
}

const QUERY_BATCH = 64;

/**
 * Google analogy questions "a b c d" (a is to b as c is to d), 3CosAdd over the `restrict` most
 * frequent words (rows are in frequency order), the three question words excluded, as gensim's
 * evaluate_word_analogies with restrict_vocab. Questions are scored in batches so each vocabulary
 * row is read once per batch.
 */
export async function analogyAccuracy(kv: KeyedVectors, path: string, restrict = 30_000): Promise<AnalogyScore> {
  const text = await readFile(path, 'utf8');
  const rows = Math.min(restrict, kv.size);
  const dim = kv.dim;
  const unit = kv.unitVectors();
  const questions: number[][] = [];
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(':') || line.trim() === '') continue;
    total++;
    const ids = line.trim().toLowerCase().split(/\s+/).map((w) => kv.index(w));
    if (ids.length === 4 && ids.every((id) => id >= 0 && id < rows)) questions.push(ids);
  }
  const queries = new Float32Array(QUERY_BATCH * dim);
  const best = new Float64Array(QUERY_BATCH);
  const bestRow = new Int32Array(QUERY_BATCH);
  let correct = 0;
  for (let start = 0; start < questions.length; start += QUERY_BATCH) {
    const batch = questions.slice(start, start + QUERY_BATCH);
    for (let q = 0; q < batch.length; q++) {
      const [a, b, c] = batch[q];
      for (let j = 0; j < dim; j++) queries[q * dim + j] = unit[b * dim + j] - unit[a * dim + j] + unit[c * dim + j];
    }
    best.fill(-Infinity);
    bestRow.fill(-1);
    for (let row = 0; row < rows; row++) {
      const offset = row * dim;
      for (let q = 0; q < batch.length; q++) {
        const question = batch[q];
        if (row === question[0] || row === question[1] || row === question[2]) continue;
        let s0 = 0;
        let s1 = 0;
        const base = q * dim;
        let j = 0;
        for (; j + 1 < dim; j += 2) {
          s0 += unit[offset + j] * queries[base + j];
          s1 += unit[offset + j + 1] * queries[base + j + 1];
        }
        if (j < dim) s0 += unit[offset + j] * queries[base + j];
        const score = s0 + s1;
        if (score > best[q]) {
          best[q] = score;
          bestRow[q] = row;
        }
      }
    }
    for (let q = 0; q < batch.length; q++) if (bestRow[q] === batch[q][3]) correct++;
  }
  return { accuracy: questions.length ? correct / questions.length : 0, correct, answered: questions.length, total };
}
