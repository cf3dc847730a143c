import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import {
  EvaluationVocabulary,
  numberLines,
  readTestSetLines,
  restrictVocabOf,
  splitOnWhitespace,
  type TestSetLine,
} from './similarity.js';

/**
 * Word-analogy evaluation ("a is to b as c is to d": questions-words.txt, CA8) with the semantics
 * of gensim's KeyedVectors.evaluate_word_analogies:
 * - only the first `restrictVocab` words exist: a question using any other word is skipped (counted
 *   in `skipped`), and only they are candidate answers;
 * - case-insensitive by default: questions and vocabulary are upper-cased, each folded form
 *   standing for its most frequent variant;
 * - the answer is the best candidate other than the rows of a, b and c; as in gensim, the best five
 *   are taken and the first whose folded form is none of a, b, c is the prediction (if all five are
 *   case variants of the question words, the fifth stands);
 * - a question is right when the prediction's folded form is d's.
 *
 * Speed: a question's 3CosAdd ranking is by cos(w,b) + cos(w,c) − cos(w,a) (the query's norm is
 * the same for every candidate), and 3CosMul uses the same three cosines. So instead of one
 * matrix-vector product per question, the cosines of each distinct question word with every
 * candidate are computed once (a test set has ~1000 distinct words for ~20000 questions) into a
 * table, in chunks that fit `tableBytes`, and each question is then three additions per candidate.
 */

export type AnalogyMethod = '3CosAdd' | '3CosMul';

export interface AnalogyOptions {
  /**
   * Only the first N words are questions' words and candidates (default 30000, the C tool
   * compute-accuracy's threshold; gensim's default is 300000; 0 = all words).
   */
  restrictVocab?: number;
  /** Compare upper-cased forms (default true, as gensim and the C tool). */
  caseInsensitive?: boolean;
  /**
   * '3CosAdd' (default; gensim's only method here) or '3CosMul' (Levy & Goldberg 2014, scored as
   * KeyedVectors.mostSimilarCosmul, over the same restricted candidates).
   */
  method?: AnalogyMethod;
  /** Count questions with unknown words as wrong instead of skipping them (gensim's dummy4unknown). */
  dummy4unknown?: boolean;
  /** A line that is not 4 words throws (default) or is skipped and counted in `invalid`, as gensim logs and skips. */
  invalidLines?: 'throw' | 'skip';
  /** Memory for the cosine table (default 64 MiB); smaller means more chunks, same answers. */
  tableBytes?: number;
}

export interface AnalogyCounts {
  /** correct / seen (correct / total with dummy4unknown); 0 when nothing was answered, as gensim. */
  accuracy: number;
  correct: number;
  /** Questions answered: all four words among the restricted vocabulary. */
  seen: number;
  /** All well-formed questions. */
  total: number;
}

export interface AnalogySection extends AnalogyCounts {
  name: string;
}

export interface AnalogyResult extends AnalogyCounts {
  file: string;
  method: AnalogyMethod;
  /** Questions skipped for an unknown word (total − seen). */
  skipped: number;
  /** Malformed lines skipped (invalidLines 'skip'). */
  invalid: number;
  /** Each `: name` section in file order, including those with nothing answered. */
  sections: AnalogySection[];
}

/** Evaluates an analogy file (or its lines): `: section` headers, then `a b c d` per line. */
export async function evaluateAnalogies(kv: KeyedVectors, source: string | readonly string[], options: AnalogyOptions = {}): Promise<AnalogyResult> {
  const lines = typeof source === 'string' ? await readTestSetLines(source) : numberLines(source);
  return evaluateAnalogyLines(kv, lines, typeof source === 'string' ? source : '<lines>', options);
}

/** The same on lines already read; `file` names them in results and errors. */
export function evaluateAnalogyLines(kv: KeyedVectors, lines: readonly TestSetLine[], file: string, options: AnalogyOptions = {}): AnalogyResult {
  const method = options.method ?? '3CosAdd';
  if (method !== '3CosAdd' && method !== '3CosMul') {
    throw new EmbedkitError('BAD_OPTION', `unknown analogy method "${String(method)}" (3CosAdd or 3CosMul)`, { field: 'method' });
  }
  const vocabulary = new EvaluationVocabulary(kv, restrictVocabOf(options.restrictVocab, 30000), options.caseInsensitive ?? true);
  const questions = parseQuestions(lines, file, vocabulary, options.invalidLines ?? 'throw');
  const correct = answerQuestions(vocabulary, questions, method, tableBytesOf(options.tableBytes));
  return tally(questions, correct, file, method, options.dummy4unknown ?? false);
}

interface ParsedQuestions {
  sectionNames: string[];
  /** Per question: its section. */
  sectionOf: number[];
  /** Per question, four rows (a, b, c, expected), -1 for a word outside the restricted vocabulary. */
  rows: Int32Array;
  count: number;
  invalid: number;
}

function parseQuestions(lines: readonly TestSetLine[], file: string, vocabulary: EvaluationVocabulary, invalidLines: 'throw' | 'skip'): ParsedQuestions {
  const sectionNames: string[] = [];
  const sectionOf: number[] = [];
  let rows = new Int32Array(4 * 1024);
  let count = 0;
  let invalid = 0;
  for (const { text, lineNumber, byteOffset } of lines) {
    if (text.startsWith(': ')) {
      // gensim: line.lstrip(': ').strip()
      sectionNames.push(text.replace(/^[: ]+/, '').trim());
      continue;
    }
    const words = splitOnWhitespace(text);
    if (words.length === 0) continue;
    if (sectionNames.length === 0) {
      throw new EmbedkitError('BAD_LINE', 'a question before the first ": section" header', { file, line: lineNumber, byteOffset });
    }
    if (words.length !== 4) {
      if (invalidLines === 'skip') {
        invalid++;
        continue;
      }
      throw new EmbedkitError('BAD_LINE', `expected four words "a b c d" (a is to b as c is to d), found ${words.length}`, {
        file,
        line: lineNumber,
        byteOffset,
      });
    }
    if (4 * (count + 1) > rows.length) {
      const grown = new Int32Array(rows.length * 2);
      grown.set(rows);
      rows = grown;
    }
    for (let k = 0; k < 4; k++) rows[4 * count + k] = vocabulary.rowOf(words[k]);
    sectionOf.push(sectionNames.length - 1);
    count++;
  }
  return { sectionNames, sectionOf, rows, count, invalid };
}

function tally(questions: ParsedQuestions, correct: Uint8Array, file: string, method: AnalogyMethod, dummy4unknown: boolean): AnalogyResult {
  const sections: AnalogySection[] = questions.sectionNames.map((name) => ({ name, accuracy: 0, correct: 0, seen: 0, total: 0 }));
  const { rows } = questions;
  for (let q = 0; q < questions.count; q++) {
    const section = sections[questions.sectionOf[q]];
    section.total++;
    if (rows[4 * q] >= 0 && rows[4 * q + 1] >= 0 && rows[4 * q + 2] >= 0 && rows[4 * q + 3] >= 0) section.seen++;
    section.correct += correct[q];
  }
  const overall: AnalogyCounts = { accuracy: 0, correct: 0, seen: 0, total: 0 };
  for (const section of sections) {
    section.accuracy = accuracyOf(section, dummy4unknown);
    overall.correct += section.correct;
    overall.seen += section.seen;
    overall.total += section.total;
  }
  overall.accuracy = accuracyOf(overall, dummy4unknown);
  return { file, method, ...overall, skipped: overall.total - overall.seen, invalid: questions.invalid, sections };
}

function accuracyOf(counts: AnalogyCounts, dummy4unknown: boolean): number {
  const denominator = dummy4unknown ? counts.total : counts.seen;
  return denominator === 0 ? 0 : counts.correct / denominator;
}

/** gensim takes the top five before dropping case variants of the question words. */
const CANDIDATES_KEPT = 5;
/** 3CosMul's shift of the denominator (gensim's constant). */
const COSMUL_EPSILON = 1e-6;
const DEFAULT_TABLE_BYTES = 64 * 1024 * 1024;

function tableBytesOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TABLE_BYTES;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new EmbedkitError('BAD_OPTION', `tableBytes must be a positive integer, not ${value}`, { field: 'tableBytes' });
  }
  return value;
}

/** 1 for each question answered right, 0 otherwise (unanswerable questions stay 0). */
function answerQuestions(vocabulary: EvaluationVocabulary, questions: ParsedQuestions, method: AnalogyMethod, tableBytes: number): Uint8Array {
  const correct = new Uint8Array(questions.count);
  const candidates = vocabulary.size;
  const { rows } = questions;
  if (candidates === 0) return correct;
  const capacity = Math.max(3, Math.min(Math.floor(tableBytes / (4 * candidates)), 3 * questions.count));
  const table = new CosineTable(vocabulary, capacity);
  const pending = new Int32Array(questions.count);
  let pendingCount = 0;
  const ranker = new AnalogyRanker(method, questions.count);
  const answerPending = (): void => {
    table.compute();
    ranker.reset(pendingCount);
    // Candidates in blocks, every pending question per block: the block's slice of the table stays
    // in cache while all questions read it, instead of each question streaming the whole table.
    for (let start = 0; start < candidates; start += BLOCK_ROWS) {
      const end = Math.min(start + BLOCK_ROWS, candidates);
      for (let i = 0; i < pendingCount; i++) {
        const q = pending[i];
        ranker.scan(i, table, rows[4 * q], rows[4 * q + 1], rows[4 * q + 2], start, end);
      }
    }
    for (let i = 0; i < pendingCount; i++) {
      const q = pending[i];
      correct[q] = ranker.isCorrect(i, rows[4 * q], rows[4 * q + 1], rows[4 * q + 2], rows[4 * q + 3], vocabulary.canonical) ? 1 : 0;
    }
    pendingCount = 0;
    table.clear();
  };
  for (let q = 0; q < questions.count; q++) {
    const a = rows[4 * q];
    const b = rows[4 * q + 1];
    const c = rows[4 * q + 2];
    if (a < 0 || b < 0 || c < 0 || rows[4 * q + 3] < 0) continue;
    if (table.slotsNeeded(a, b, c) > table.freeSlots()) answerPending();
    table.reserve(a);
    table.reserve(b);
    table.reserve(c);
    pending[pendingCount++] = q;
  }
  if (pendingCount > 0) answerPending();
  return correct;
}

/**
 * Cosines of a set of question words ("slots") with every candidate row: slot s occupies
 * values[s·candidates, (s+1)·candidates). Float32 like the stored vectors; gensim scores in float32 too.
 */
class CosineTable {
  readonly values: Float32Array;
  private readonly candidates: number;
  private readonly slotOfRow: Int32Array;
  private readonly rowOfSlot: Int32Array;
  private used = 0;
  private readonly interleaved: Float64Array;

  constructor(
    private readonly vocabulary: EvaluationVocabulary,
    readonly capacity: number,
  ) {
    this.candidates = vocabulary.size;
    this.values = new Float32Array(capacity * this.candidates);
    this.slotOfRow = new Int32Array(this.candidates).fill(-1);
    this.rowOfSlot = new Int32Array(capacity);
    this.interleaved = new Float64Array(TILE * vocabulary.kv.dim);
  }

  /** Offset of a reserved row's cosines in `values`. */
  offsetOf(row: number): number {
    return this.slotOfRow[row] * this.candidates;
  }

  freeSlots(): number {
    return this.capacity - this.used;
  }

  slotsNeeded(a: number, b: number, c: number): number {
    const slots = this.slotOfRow;
    let needed = slots[a] < 0 ? 1 : 0;
    if (slots[b] < 0 && b !== a) needed++;
    if (slots[c] < 0 && c !== a && c !== b) needed++;
    return needed;
  }

  reserve(row: number): void {
    if (this.slotOfRow[row] >= 0) return;
    this.slotOfRow[row] = this.used;
    this.rowOfSlot[this.used++] = row;
  }

  clear(): void {
    for (let s = 0; s < this.used; s++) this.slotOfRow[this.rowOfSlot[s]] = -1;
    this.used = 0;
  }

  /**
   * Fills every reserved slot: a TILE of question vectors (interleaved so the TILE values for one
   * dimension sit together) against each candidate row, so each candidate value loaded from memory
   * serves TILE products.
   */
  compute(): void {
    const units = this.vocabulary.unitRows();
    const dim = this.vocabulary.kv.dim;
    const candidates = this.candidates;
    const out = this.values;
    const queries = this.interleaved;
    for (let first = 0; first < this.used; first += TILE) {
      const tile = Math.min(TILE, this.used - first);
      queries.fill(0);
      for (let t = 0; t < tile; t++) {
        const offset = this.rowOfSlot[first + t] * dim;
        for (let j = 0; j < dim; j++) queries[j * TILE + t] = units[offset + j];
      }
      const o0 = first * candidates;
      const o1 = o0 + candidates;
      const o2 = o1 + candidates;
      const o3 = o2 + candidates;
      let row = 0;
      // Two candidate rows at a time: each query value loaded serves two products as well.
      for (; row + 1 < candidates; row += 2) {
        const offset0 = row * dim;
        const offset1 = offset0 + dim;
        let d00 = 0;
        let d01 = 0;
        let d02 = 0;
        let d03 = 0;
        let d10 = 0;
        let d11 = 0;
        let d12 = 0;
        let d13 = 0;
        for (let j = 0, q = 0; j < dim; j++, q += TILE) {
          const x0 = units[offset0 + j];
          const x1 = units[offset1 + j];
          const q0 = queries[q];
          const q1 = queries[q + 1];
          const q2 = queries[q + 2];
          const q3 = queries[q + 3];
          d00 += x0 * q0;
          d01 += x0 * q1;
          d02 += x0 * q2;
          d03 += x0 * q3;
          d10 += x1 * q0;
          d11 += x1 * q1;
          d12 += x1 * q2;
          d13 += x1 * q3;
        }
        out[o0 + row] = d00;
        out[o0 + row + 1] = d10;
        if (tile > 1) {
          out[o1 + row] = d01;
          out[o1 + row + 1] = d11;
        }
        if (tile > 2) {
          out[o2 + row] = d02;
          out[o2 + row + 1] = d12;
        }
        if (tile > 3) {
          out[o3 + row] = d03;
          out[o3 + row + 1] = d13;
        }
      }
      for (; row < candidates; row++) {
        const offset = row * dim;
        for (let t = 0; t < tile; t++) {
          let dot = 0;
          for (let j = 0; j < dim; j++) dot += units[offset + j] * queries[j * TILE + t];
          out[(first + t) * candidates + row] = dot;
        }
      }
    }
  }
}

/** Question vectors scored together per candidate row; 4 keeps the accumulators in registers. */
const TILE = 4;

/** Candidate rows per block of the ranking pass (2 KiB of each table slot). */
const BLOCK_ROWS = 512;

/** The best few candidates of each pending question, and gensim's reading of them. */
class AnalogyRanker {
  private readonly bestScores: Float64Array;
  private readonly bestRows: Int32Array;

  constructor(
    private readonly method: AnalogyMethod,
    questions: number,
  ) {
    this.bestScores = new Float64Array(CANDIDATES_KEPT * questions);
    this.bestRows = new Int32Array(CANDIDATES_KEPT * questions);
  }

  reset(questions: number): void {
    this.bestScores.fill(-Infinity, 0, CANDIDATES_KEPT * questions);
    this.bestRows.fill(-1, 0, CANDIDATES_KEPT * questions);
  }

  /** Offers candidate rows [start, end) to question i; a, b, c are its canonical rows, never answers. */
  scan(i: number, table: CosineTable, a: number, b: number, c: number, start: number, end: number): void {
    const values = table.values;
    const offsetA = table.offsetOf(a);
    const offsetB = table.offsetOf(b);
    const offsetC = table.offsetOf(c);
    const base = CANDIDATES_KEPT * i;
    let worst = this.bestScores[base + CANDIDATES_KEPT - 1];
    if (this.method === '3CosAdd') {
      // cos(w,b) + cos(w,c) − cos(w,a): 3CosAdd's cosine times the query's norm, which all candidates share.
      for (let row = start; row < end; row++) {
        const score = values[offsetB + row] + values[offsetC + row] - values[offsetA + row];
        if (score > worst && row !== a && row !== b && row !== c) worst = this.insert(base, score, row);
      }
    } else {
      for (let row = start; row < end; row++) {
        const score =
          (((1 + values[offsetB + row]) / 2) * ((1 + values[offsetC + row]) / 2)) / ((1 + values[offsetA + row]) / 2 + COSMUL_EPSILON);
        if (score > worst && row !== a && row !== b && row !== c) worst = this.insert(base, score, row);
      }
    }
  }

  /** gensim's reading of question i's best five: the first not a case variant of a, b or c. */
  isCorrect(i: number, a: number, b: number, c: number, expected: number, canonical: Int32Array): boolean {
    const base = CANDIDATES_KEPT * i;
    let predicted = -1;
    for (let k = 0; k < CANDIDATES_KEPT; k++) {
      const row = this.bestRows[base + k];
      if (row < 0) break;
      predicted = canonical[row];
      if (predicted !== a && predicted !== b && predicted !== c) break;
    }
    return predicted === expected;
  }

  /** Inserts below any equal score (the lower row wins ties); returns the new threshold. */
  private insert(base: number, score: number, row: number): number {
    const scores = this.bestScores;
    const rows = this.bestRows;
    let k = base + CANDIDATES_KEPT - 1;
    while (k > base && scores[k - 1] < score) {
      scores[k] = scores[k - 1];
      rows[k] = rows[k - 1];
      k--;
    }
    scores[k] = score;
    rows[k] = row;
    return scores[base + CANDIDATES_KEPT - 1];
  }
}
