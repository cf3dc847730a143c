import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { normalizeRows } from '../vectors/vector-math.js';
import { pearson, spearman } from './statistics.js';

/**
 * Word-pair similarity evaluation (WordSim-353, MEN, SimLex, wordsim-240/297 …) with the semantics
 * of gensim's KeyedVectors.evaluate_word_pairs: the model's cosine of each pair against the human
 * score, compared by Spearman's rho and Pearson's r. Also home of the two pieces both evaluations
 * share: the vocabulary as the evaluations see it, and the strict reading of a test-set file.
 */

export interface WordPairsOptions {
  /** Only the first N words of the store count as known (default 300000, gensim's; 0 = all). */
  restrictVocab?: number;
  /** Compare upper-cased forms; the most frequent case variant stands for all (default true, as gensim). */
  caseInsensitive?: boolean;
  /** Field separator; default: a tab when the line has one, else runs of whitespace. gensim's default is '\t'. */
  delimiter?: string;
  /** Count a pair with an unknown word as similarity 0 instead of skipping it (gensim's dummy4unknown). */
  dummy4unknown?: boolean;
  /**
   * Strip spaces around the words (default true). gensim does not, so a stray space (wordsim-297
   * has 15) makes the word unknown there; false reproduces that.
   */
  trimWords?: boolean;
  /** A malformed line throws (default) or is skipped and counted in `invalid`, as gensim logs and skips. */
  invalidLines?: 'throw' | 'skip';
}

export interface WordPairsResult {
  file: string;
  /** Spearman's rho between human scores and cosines (NaN when fewer than 2 pairs are usable). */
  spearman: number;
  /** Pearson's r (NaN likewise). */
  pearson: number;
  /** Pairs in the correlation (with dummy4unknown, the unknown ones too). */
  pairs: number;
  /** Percentage of pairs with an unknown word, as gensim's oov_ratio. */
  oov: number;
  /** Well-formed pairs in the file. */
  total: number;
  /** Malformed lines skipped (invalidLines 'skip'). */
  invalid: number;
}

/** Evaluates a word-pair file (`word1 word2 score` per line; '#' lines are comments). */
export async function evaluateWordPairs(kv: KeyedVectors, source: string | readonly string[], options: WordPairsOptions = {}): Promise<WordPairsResult> {
  const lines = typeof source === 'string' ? await readTestSetLines(source) : numberLines(source);
  return evaluateWordPairLines(kv, lines, typeof source === 'string' ? source : '<lines>', options);
}

/** The same on lines already read; `file` names them in results and errors. */
export function evaluateWordPairLines(kv: KeyedVectors, lines: readonly TestSetLine[], file: string, options: WordPairsOptions = {}): WordPairsResult {
  const vocabulary = new EvaluationVocabulary(kv, restrictVocabOf(options.restrictVocab, 300000), options.caseInsensitive ?? true);
  const trim = options.trimWords ?? true;
  const skipInvalid = (options.invalidLines ?? 'throw') === 'skip';
  const gold: number[] = [];
  const model: number[] = [];
  let oov = 0;
  let invalid = 0;
  for (const { text, lineNumber, byteOffset } of lines) {
    if (text.startsWith('#') || isBlank(text)) continue;
    const parsed = parsePair(text, options.delimiter, trim);
    if (typeof parsed === 'string') {
      if (skipInvalid) {
        invalid++;
        continue;
      }
      throw new EmbedkitError('BAD_LINE', parsed, { file, line: lineNumber, byteOffset });
    }
    const rowA = vocabulary.rowOf(parsed.first);
    const rowB = vocabulary.rowOf(parsed.second);
    if (rowA < 0 || rowB < 0) {
      oov++;
      if (options.dummy4unknown) {
        gold.push(parsed.score);
        model.push(0);
      }
      continue;
    }
    gold.push(parsed.score);
    model.push(vocabulary.cosine(rowA, rowB));
  }
  const total = options.dummy4unknown ? gold.length : gold.length + oov;
  return {
    file,
    spearman: spearman(gold, model),
    pearson: pearson(gold, model),
    pairs: gold.length,
    oov: total === 0 ? 0 : (oov / total) * 100,
    total,
    invalid,
  };
}

interface WordPair {
  first: string;
  second: string;
  score: number;
}

/** The pair on a line, or why the line is not one. */
function parsePair(text: string, delimiter: string | undefined, trim: boolean): WordPair | string {
  const fields = delimiter !== undefined ? text.split(delimiter) : text.includes('\t') ? text.split('\t') : splitOnWhitespace(text);
  if (fields.length !== 3) return `expected "word1 word2 score", found ${fields.length} field(s)`;
  const [first, second] = trim ? [fields[0].trim(), fields[1].trim()] : fields;
  const score = parseScore(fields[2]);
  if (Number.isNaN(score)) return `score "${fields[2].trim()}" is not a finite number`;
  return { first, second, score };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseScore(field: string): number {
  const trimmed = field.trim();
  if (!DECIMAL.test(trimmed)) return NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}

/**
 * The store as the evaluations see it (gensim's `ok_vocab`): only rows [0, size) exist, and with
 * case folding every word is looked up by its upper-cased form, which stands for the lowest row
 * (the most frequent word, files being frequency-ordered) among the words folding to it.
 */
export class EvaluationVocabulary {
  readonly size: number;
  /** canonical[row]: the row standing for the row's folded form (the row itself without folding). */
  readonly canonical: Int32Array;
  private readonly rowByFolded: Map<string, number> | null;
  private units: Float32Array | null = null;

  constructor(
    readonly kv: KeyedVectors,
    restrictVocab: number,
    readonly caseInsensitive: boolean,
  ) {
    this.size = restrictVocab === 0 ? kv.size : Math.min(restrictVocab, kv.size);
    this.canonical = new Int32Array(this.size);
    if (!caseInsensitive) {
      this.rowByFolded = null;
      for (let row = 0; row < this.size; row++) this.canonical[row] = row;
      return;
    }
    this.rowByFolded = new Map();
    for (let row = 0; row < this.size; row++) {
      const folded = kv.words[row].toUpperCase();
      const first = this.rowByFolded.get(folded);
      if (first === undefined) this.rowByFolded.set(folded, row);
      this.canonical[row] = first ?? row;
    }
  }

  /** The row standing for `word` (folded when case-insensitive), or -1 when it is not among the first `size`. */
  rowOf(word: string): number {
    if (this.rowByFolded !== null) return this.rowByFolded.get(word.toUpperCase()) ?? -1;
    const row = this.kv.index(word);
    return row < this.size ? row : -1;
  }

  /**
   * Unit-length rows, at least the first `size`: the store's cached ones when the whole store is
   * in use, else only the prefix (evaluating the top 30000 of a 3-million-word file must not
   * normalise all of it).
   */
  unitRows(): Float32Array {
    if (this.units === null) {
      const dim = this.kv.dim;
      this.units = this.size === this.kv.size ? this.kv.unitVectors() : normalizeRows(this.kv.vectors.subarray(0, this.size * dim), this.size, dim);
    }
    return this.units;
  }

  /** Cosine of two rows, accumulated in float64. */
  cosine(rowA: number, rowB: number): number {
    const units = this.unitRows();
    const dim = this.kv.dim;
    let dot = 0;
    for (let j = 0, a = rowA * dim, b = rowB * dim; j < dim; j++) dot += units[a + j] * units[b + j];
    return dot;
  }
}

/** `restrictVocab` checked: a non-negative integer (0 = the whole store), or the default. */
export function restrictVocabOf(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Infinity) return 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EmbedkitError('BAD_OPTION', `restrictVocab must be a non-negative integer (0 = all words), not ${value}`, { field: 'restrictVocab' });
  }
  return value;
}

/** One line of a test set, without its line break, with where it starts. */
export interface TestSetLine {
  text: string;
  /** 1-based. */
  lineNumber: number;
  /** Offset of the line's first byte in the (decompressed) file, when read from one. */
  byteOffset?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A test-set file as lines: UTF-8, strictly (as gensim reads them); gzip by its magic bytes; LF or
 * CRLF; a leading byte-order mark dropped. Test sets are a few megabytes at most, so the file is
 * read whole; decoding line by line lets a bad byte be reported with its line.
 */
export async function readTestSetLines(file: string): Promise<TestSetLine[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new EmbedkitError('FILE_UNREADABLE', `cannot read the test set: ${reason}`, { file });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new EmbedkitError('BAD_GZIP', `cannot decompress: ${(error as Error).message}`, { file });
    }
  }
  const lines: TestSetLine[] = [];
  let start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let lineNumber = 1; start < bytes.length; lineNumber++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const contentEnd = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    let text: string;
    try {
      text = utf8.decode(bytes.subarray(start, contentEnd));
    } catch {
      throw new EmbedkitError('BAD_ENCODING', 'the line is not valid UTF-8', { file, line: lineNumber, byteOffset: start });
    }
    lines.push({ text, lineNumber, byteOffset: start });
    start = end + 1;
  }
  return lines;
}

/** Lines given as strings, numbered from 1. */
export function numberLines(lines: readonly string[]): TestSetLine[] {
  return lines.map((text, i) => ({ text: text.endsWith('\r') ? text.slice(0, -1) : text, lineNumber: i + 1 }));
}

/** Python's str.split() with no separator: runs of Unicode whitespace, no empty fields. */
export function splitOnWhitespace(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((field) => field !== '');
}

function isBlank(text: string): boolean {
  return splitOnWhitespace(text).length === 0;
}

/** The characters Python's str.split() splits on (JS's \s differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PYTHON_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
