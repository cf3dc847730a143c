import { EmbedkitError } from '../errors.js';
import { FASTTEXT_SKIPGRAM_ARGS, type FastTextArgs } from '../io/fasttext-args.js';
import {
  buildSubwordTable,
  characterNgrams,
  checkScheme,
  forEachNgramRow,
  type SubwordScheme,
  type SubwordTable,
} from '../algorithms/fasttext/subwords.js';
import { KeyedVectors } from './keyed-vectors.js';

export interface SubwordVectorsInit {
  /** The vocabulary, in row order: word i owns input row i. */
  words: string[];
  dim: number;
  /** fastText's input matrix, (words + n-gram rows) × dim, row-major: word rows, then the hashed n-gram rows. */
  input: Float32Array;
  /** Hashed n-gram rows (fastText's bucket); with a prune map, the number of rows kept. */
  bucket: number;
  minn: number;
  maxn: number;
  pruneIndex?: Map<number, number> | null;
  counts?: Float64Array;
  /** The output matrix (negative-sampling weights), kept so a saved `.bin` is complete. */
  output?: Float32Array | null;
  /** Hyper-parameters written to a `.bin`; those not given are fastText's skip-gram defaults. */
  args?: Partial<FastTextArgs>;
  /** Input-matrix rows beyond the words: bucket unless the model is pruned. */
  ngramRows?: number;
}

/**
 * fastText-style vectors: a word's vector is the mean of its own row and the rows of its character
 * n-grams, and a word never seen in training still gets one, the mean of its n-gram rows. The big
 * input matrix ((words + bucket) × dim) is kept whole in one Float32Array; the word vectors the
 * KeyedVectors queries search are those means, computed once.
 *
 * Every query (`vector`, `similarity`, `mostSimilar`, evaluations) accepts unseen words. A word that
 * is unseen and has no n-gram at all (the empty string; any word when maxn is 0) throws
 * EmbedkitError 'NO_SUBWORDS' from `vector`, and `get` returns null: never a silent zero vector.
 */
export class SubwordVectors extends KeyedVectors {
  readonly input: Float32Array;
  readonly output: Float32Array | null;
  readonly scheme: SubwordScheme;
  readonly args: FastTextArgs;
  /** Rows of every vocabulary word (its own row first). */
  readonly table: SubwordTable;

  constructor(init: SubwordVectorsInit) {
    const { words, dim, input } = init;
    const scheme: SubwordScheme = {
      nwords: words.length,
      bucket: init.bucket,
      minn: init.minn,
      maxn: init.maxn,
      pruneIndex: init.pruneIndex ?? null,
    };
    checkScheme(scheme);
    const ngramRows = init.ngramRows ?? init.bucket;
    if (!Number.isInteger(dim) || dim < 1 || input.length !== (words.length + ngramRows) * dim) {
      throw new EmbedkitError(
        'BAD_SHAPE',
        `the input matrix needs (${words.length} words + ${ngramRows} n-gram rows) × ${dim} = ${(words.length + ngramRows) * dim} values, got ${input.length}`,
        { field: 'input' },
      );
    }
    if (init.output != null && init.output.length % dim !== 0) {
      throw new EmbedkitError('BAD_SHAPE', `the output matrix has ${init.output.length} values, not a multiple of ${dim}`, { field: 'output' });
    }
    const table = buildSubwordTable(words, scheme);
    super(words, meanRowsOfAll(table, input, dim, words.length), dim, init.counts);
    this.input = input;
    this.output = init.output ?? null;
    this.scheme = scheme;
    this.table = table;
    this.args = {
      ...FASTTEXT_SKIPGRAM_ARGS,
      ...init.args,
      dim,
      bucket: init.bucket,
      minn: init.minn,
      maxn: init.maxn,
    };
  }

  /** Input rows averaged into `word`'s vector: its own row (if known), then its n-gram rows. */
  subwordRows(word: string): Int32Array {
    const id = this.index(word);
    if (id >= 0) return this.table.rows.slice(this.table.offsets[id], this.table.offsets[id + 1]);
    const rows: number[] = [];
    forEachNgramRow(word, this.scheme, (row) => rows.push(row));
    return Int32Array.from(rows);
  }

  /** The character n-grams of `word` in fastText's order (what its n-gram rows stand for). */
  ngrams(word: string): string[] {
    if (this.scheme.maxn === 0 || this.scheme.bucket === 0) return [];
    return characterNgrams(word, this.scheme.minn, this.scheme.maxn);
  }

  /** True when `word` has a vector: it is in the vocabulary or has at least one n-gram row. */
  canEmbed(word: string): boolean {
    return this.has(word) || this.subwordRows(word).length > 0;
  }

  override vector(word: string): Float32Array {
    const found = this.get(word);
    if (found === null) {
      throw new EmbedkitError(
        'NO_SUBWORDS',
        `word "${word}" is not in the vocabulary and has no character n-gram of ${this.scheme.minn}..${this.scheme.maxn} characters to build a vector from`,
      );
    }
    return found;
  }

  protected override oovVector(word: string): Float32Array | null {
    const rows = this.subwordRows(word);
    if (rows.length === 0) return null;
    const vector = new Float32Array(this.dim);
    meanOfRows(this.input, this.dim, rows, 0, rows.length, vector);
    return vector;
  }
}

/**
 * out = mean of input rows rows[from..to), in float32 steps and in fastText's order (sum the rows,
 * then scale by the float 1/n), so the result equals fastText's getWordVector bit for bit.
 */
export function meanOfRows(input: Float32Array, dim: number, rows: Int32Array, from: number, to: number, out: Float32Array): void {
  out.fill(0);
  for (let k = from; k < to; k++) {
    const base = rows[k] * dim;
    for (let j = 0; j < dim; j++) out[j] += input[base + j];
  }
  if (to > from) {
    const scale = Math.fround(1 / (to - from));
    for (let j = 0; j < dim; j++) out[j] *= scale;
  }
}

function meanRowsOfAll(table: SubwordTable, input: Float32Array, dim: number, words: number): Float32Array {
  const vectors = new Float32Array(words * dim);
  for (let id = 0; id < words; id++) {
    meanOfRows(input, dim, table.rows, table.offsets[id], table.offsets[id + 1], vectors.subarray(id * dim, (id + 1) * dim));
  }
  return vectors;
}
