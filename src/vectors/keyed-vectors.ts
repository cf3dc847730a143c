import { EmbedkitError } from '../errors.js';
import { TopK } from './top-k.js';
import { cosine, multiplyRows, normalizeRows, scaleToUnit, unitCopy } from './vector-math.js';
import { WordIndex } from './word-index.js';
import { WordList } from './word-list.js';

/** A word of the store, or a raw vector used as-is (gensim lets both appear in a query). */
export type QueryTerm = string | Float32Array;

export interface SimilarityQuery {
  positive: QueryTerm | readonly QueryTerm[];
  negative?: QueryTerm | readonly QueryTerm[];
  /** How many neighbours to return (default 10). */
  topn?: number;
  /** Only the first N words are candidates: files are frequency-ordered, so this drops rare words. */
  restrictVocab?: number;
}

export interface Neighbour {
  word: string;
  similarity: number;
}

/** Shifts cosines in 3CosMul so a negative term cannot divide by zero (gensim's constant). */
const COSMUL_EPSILON = 1e-6;

/**
 * Word vectors looked up by word, with the similarity queries of gensim's KeyedVectors.
 * Storage is one row-major Float32Array (row i = vector of words[i]). Every query scores all rows
 * with one matrix-vector product over the cached unit-length rows, then picks the best by a
 * partial selection. The words may be held as bytes (a loaded file's), made into strings only when
 * asked for: `word(row)` makes one, `words` all of them (once).
 */
export class KeyedVectors {
  readonly vectors: Float32Array;
  readonly dim: number;
  readonly counts?: Float64Array;
  private readonly wordList: WordList;
  private readonly indexByWord: WordIndex;
  private unitRows: Float32Array | null = null;
  private scoreScratch = new Float64Array(0);

  /**
   * `words` as strings, or as a WordList (a loader's, which holds their bytes); `index` (word →
   * row) may be passed by a loader that already built it while checking for duplicates, saving a
   * second pass of hashing over a large vocabulary: it must index that same list.
   */
  constructor(words: readonly string[] | WordList, vectors: Float32Array, dim: number, counts?: Float64Array, index?: WordIndex) {
    const list = words instanceof WordList ? words : WordList.fromStrings(words);
    if (!Number.isInteger(dim) || dim < 1) {
      throw new EmbedkitError('BAD_SHAPE', `dimension must be a positive integer, not ${dim}`, { field: 'dim' });
    }
    if (vectors.length !== list.size * dim) {
      throw new EmbedkitError(
        'BAD_SHAPE',
        `${list.size} words × ${dim} dimensions need ${list.size * dim} values, got ${vectors.length}`,
        { field: 'vectors' },
      );
    }
    if (counts !== undefined && counts.length !== list.size) {
      throw new EmbedkitError('BAD_SHAPE', `${list.size} words but ${counts.length} counts`, { field: 'counts' });
    }
    if (index !== undefined && (index.words !== list || index.size !== list.size)) {
      throw new EmbedkitError('BAD_SHAPE', `the index given is not of these ${list.size} words`, { field: 'index' });
    }
    this.wordList = list;
    this.vectors = vectors;
    this.dim = dim;
    this.counts = counts;
    this.indexByWord = index ?? WordIndex.of(list);
  }

  get size(): number {
    return this.wordList.size;
  }

  /** Every word, row by row (made into strings on first use when the store holds bytes). */
  get words(): readonly string[] {
    return this.wordList.all();
  }

  /** The word of `row`, without making every word a string. */
  word(row: number): string {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) {
      throw new EmbedkitError('BAD_ID', `row ${row} is outside the store (size ${this.size})`, { field: 'row' });
    }
    return this.wordList.word(row);
  }

  /** Row of `word`, or -1. */
  index(word: string): number {
    return this.indexByWord.get(word);
  }

  has(word: string): boolean {
    return this.indexByWord.has(word);
  }

  /** The stored row (a view, not a copy), else what `oovVector` makes of the word, else null. */
  get(word: string): Float32Array | null {
    const row = this.indexByWord.get(word);
    if (row >= 0) return this.vectors.subarray(row * this.dim, (row + 1) * this.dim);
    return this.oovVector(word);
  }

  /** Like `get`, but an unknown word throws EmbedkitError 'OOV' naming it. */
  vector(word: string): Float32Array {
    const found = this.get(word);
    if (found === null) throw outOfVocabulary(word);
    return found;
  }

  /**
   * A vector for a word that has no row. None here; a subword store (fastText) overrides this to
   * build one from character n-grams, and every query then accepts such words.
   */
  protected oovVector(word: string): Float32Array | null {
    void word;
    return null;
  }

  /** All rows scaled to unit length (zero rows stay zero); computed once and cached. */
  unitVectors(): Float32Array {
    if (this.unitRows === null) this.unitRows = normalizeRows(this.vectors, this.size, this.dim);
    return this.unitRows;
  }

  /** Cosine similarity of two words. */
  similarity(a: string, b: string): number {
    return cosine(this.vector(a), this.vector(b));
  }

  /** 1 − cosine similarity. */
  distance(a: string, b: string): number {
    return 1 - this.similarity(a, b);
  }

  /**
   * 3CosAdd: the words nearest (by cosine) to the normalised sum of the unit-length positive words
   * minus the negative ones. Raw vectors enter unnormalised, as in gensim. The query words
   * themselves are never returned.
   */
  mostSimilar(query: SimilarityQuery): Neighbour[] {
    const positive = asTerms(query.positive);
    const negative = asTerms(query.negative);
    if (positive.length + negative.length === 0) {
      throw new EmbedkitError('EMPTY_QUERY', 'mostSimilar needs at least one positive or negative word');
    }
    const mean = new Float64Array(this.dim);
    for (const term of positive) this.addTerm(mean, term, 1);
    for (const term of negative) this.addTerm(mean, term, -1);
    scaleToUnit(mean);
    return this.nearestTo(mean, topnOf(query.topn), this.candidateCount(query.restrictVocab), this.rowsOf([...positive, ...negative]));
  }

  /**
   * 3CosMul (Levy & Goldberg 2014, eq. 4, with cosines shifted to [0, 1] as in their footnote 7):
   * score(w) = Π_pos (1 + cos(w, p))/2 / (Π_neg (1 + cos(w, n))/2 + ε), ε = 1e-6, as gensim computes it.
   */
  mostSimilarCosmul(query: SimilarityQuery): Neighbour[] {
    const positive = asTerms(query.positive);
    const negative = asTerms(query.negative);
    if (positive.length === 0) {
      throw new EmbedkitError('EMPTY_QUERY', 'mostSimilarCosmul needs at least one positive word');
    }
    const rows = this.candidateCount(query.restrictVocab);
    const units = this.unitVectors();
    const termScores = new Float64Array(rows);
    const numerator = new Float64Array(rows).fill(1);
    const denominator = new Float64Array(rows).fill(1);
    for (const [terms, product] of [
      [positive, numerator],
      [negative, denominator],
    ] as const) {
      for (const term of terms) {
        multiplyRows(units, rows, this.dim, this.cosmulTerm(term), termScores);
        for (let i = 0; i < rows; i++) product[i] *= (1 + termScores[i]) / 2;
      }
    }
    for (let i = 0; i < rows; i++) numerator[i] /= denominator[i] + COSMUL_EPSILON;
    return this.neighboursFrom(numerator, rows, topnOf(query.topn), this.rowsOf([...positive, ...negative]));
  }

  /** The words nearest to a raw vector (nothing excluded). */
  similarByVector(vector: Float32Array, topn = 10, restrictVocab?: number): Neighbour[] {
    return this.mostSimilar({ positive: [vector], topn, restrictVocab });
  }

  /** The words nearest to `word`, the word itself excluded. */
  similarByWord(word: string, topn = 10, restrictVocab?: number): Neighbour[] {
    return this.mostSimilar({ positive: [word], topn, restrictVocab });
  }

  /**
   * The word furthest from the mean of the others' unit vectors. Unknown words are ignored, as in
   * gensim; it throws only when none is known. Ties go to the alphabetically first word.
   */
  doesntMatch(words: readonly string[]): string {
    const used: string[] = [];
    const units: Float64Array[] = [];
    for (const word of words) {
      const vector = this.get(word);
      if (vector === null) continue;
      used.push(word);
      units.push(unitCopy(vector));
    }
    if (used.length === 0) {
      throw new EmbedkitError('EMPTY_QUERY', `doesntMatch: none of ${JSON.stringify(words)} is in the vocabulary`);
    }
    const mean = new Float64Array(this.dim);
    for (const unit of units) for (let j = 0; j < this.dim; j++) mean[j] += unit[j];
    scaleToUnit(mean);
    let oddOne = '';
    let lowest = Infinity;
    for (let k = 0; k < used.length; k++) {
      let score = 0;
      for (let j = 0; j < this.dim; j++) score += units[k][j] * mean[j];
      if (score < lowest || (score === lowest && used[k] < oddOne)) {
        lowest = score;
        oddOne = used[k];
      }
    }
    return oddOne;
  }

  /** Cosine between the means of two word sets (raw vectors averaged, as gensim's n_similarity). */
  nSimilarity(setA: readonly string[], setB: readonly string[]): number {
    if (setA.length === 0 || setB.length === 0) {
      throw new EmbedkitError('EMPTY_QUERY', 'nSimilarity needs two non-empty word lists');
    }
    return cosine(this.sumOf(setA), this.sumOf(setB));
  }

  /** gensim's rank: 1 + the number of words (other than a) strictly closer to a than b is. */
  rank(a: string, b: string): number {
    return this.closerThan(a, b).length + 1;
  }

  /** The words (other than a) closer to a than b is, in store order. */
  closerThan(a: string, b: string): string[] {
    const target = this.index(b);
    if (target < 0) throw outOfVocabulary(b);
    const self = this.index(a);
    const scores = this.scratch(this.size);
    multiplyRows(this.unitVectors(), this.size, this.dim, unitCopy(this.vector(a)), scores);
    const threshold = scores[target];
    const closer: string[] = [];
    for (let i = 0; i < this.size; i++) if (i !== self && scores[i] > threshold) closer.push(this.wordList.word(i));
    return closer;
  }

  private addTerm(sum: Float64Array, term: QueryTerm, weight: number): void {
    if (typeof term === 'string') {
      const unit = unitCopy(this.vector(term));
      for (let j = 0; j < this.dim; j++) sum[j] += weight * unit[j];
    } else {
      this.checkLength(term);
      for (let j = 0; j < this.dim; j++) sum[j] += weight * term[j];
    }
  }

  private cosmulTerm(term: QueryTerm): Float64Array {
    if (typeof term === 'string') return unitCopy(this.vector(term));
    this.checkLength(term);
    return Float64Array.from(term);
  }

  private sumOf(words: readonly string[]): Float64Array {
    const sum = new Float64Array(this.dim);
    for (const word of words) {
      const vector = this.vector(word);
      for (let j = 0; j < this.dim; j++) sum[j] += vector[j];
    }
    return sum;
  }

  private checkLength(vector: Float32Array): void {
    if (vector.length !== this.dim) {
      throw new EmbedkitError('BAD_SHAPE', `query vector has ${vector.length} values, the store has ${this.dim} dimensions`);
    }
  }

  /** Rows of the query's words that are in the store: they are excluded from the answers. */
  private rowsOf(terms: readonly QueryTerm[]): Int32Array {
    const rows: number[] = [];
    for (const term of terms) {
      if (typeof term !== 'string') continue;
      const row = this.index(term);
      if (row >= 0) rows.push(row);
    }
    return Int32Array.from(rows);
  }

  private candidateCount(restrictVocab: number | undefined): number {
    if (restrictVocab === undefined || restrictVocab === 0) return this.size;
    if (!Number.isInteger(restrictVocab) || restrictVocab < 0) {
      throw new EmbedkitError('BAD_OPTION', `restrictVocab must be a positive integer, not ${restrictVocab}`, { field: 'restrictVocab' });
    }
    return Math.min(restrictVocab, this.size);
  }

  private nearestTo(unitQuery: Float64Array, topn: number, rows: number, excluded: Int32Array): Neighbour[] {
    const scores = this.scratch(rows);
    multiplyRows(this.unitVectors(), rows, this.dim, unitQuery, scores);
    return this.neighboursFrom(scores, rows, topn, excluded);
  }

  private neighboursFrom(scores: Float64Array, rows: number, topn: number, excluded: Int32Array): Neighbour[] {
    const best = new TopK(topn).selectFrom(scores, rows, excluded).takeSortedIndices();
    return Array.from(best, (row) => ({ word: this.wordList.word(row), similarity: scores[row] }));
  }

  /** A reused score buffer: a query over a large store should not allocate megabytes each time. */
  private scratch(length: number): Float64Array {
    if (this.scoreScratch.length < this.size) this.scoreScratch = new Float64Array(this.size);
    return this.scoreScratch.subarray(0, length);
  }
}

function asTerms(terms: QueryTerm | readonly QueryTerm[] | undefined): readonly QueryTerm[] {
  if (terms === undefined) return [];
  if (typeof terms === 'string' || terms instanceof Float32Array) return [terms];
  return terms;
}

function topnOf(topn: number | undefined): number {
  if (topn === undefined) return 10;
  if (!Number.isInteger(topn) || topn < 0) {
    throw new EmbedkitError('BAD_OPTION', `topn must be a non-negative integer, not ${topn}`, { field: 'topn' });
  }
  return topn;
}

export function outOfVocabulary(word: string): EmbedkitError {
  return new EmbedkitError('OOV', `word "${word}" is not in the vocabulary`);
}
