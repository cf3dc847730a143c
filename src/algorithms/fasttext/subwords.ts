import { EmbedkitError } from '../../errors.js';
import { FASTTEXT_HASH_START, fastTextHashStep } from './hash.js';

/** fastText wraps every word in these before cutting n-grams, so prefixes and suffixes get their own rows. */
export const BEGIN_OF_WORD = '<';
export const END_OF_WORD = '>';
/** fastText's end-of-line token: a vocabulary word that never gets n-grams. */
export const END_OF_SENTENCE = '</s>';

/** How words map to rows of the input matrix: word rows first, then `bucket` hashed n-gram rows. */
export interface SubwordScheme {
  /** Rows 0..nwords-1 are the vocabulary words. */
  nwords: number;
  /** Hashed n-gram rows after the words (fastText's `-bucket`); 0 turns n-grams off. */
  bucket: number;
  /** Shortest and longest n-gram, in characters (maxn 0: no n-grams). */
  minn: number;
  maxn: number;
  /**
   * fastText's pruned-model map (hash bucket → compacted row), written by `quantize -cutoff`;
   * null when the model is not pruned. An empty map means every n-gram was pruned.
   */
  pruneIndex?: Map<number, number> | null;
}

export function checkScheme(scheme: SubwordScheme): void {
  const { nwords, bucket, minn, maxn } = scheme;
  const integer = (value: number, field: string, min: number): void => {
    if (!Number.isInteger(value) || value < min) {
      throw new EmbedkitError('BAD_OPTION', `${field} must be an integer >= ${min}, got ${value}`, { field });
    }
  };
  integer(nwords, 'nwords', 0);
  integer(bucket, 'bucket', 0);
  integer(minn, 'minn', 0);
  integer(maxn, 'maxn', 0);
  if (maxn > 0 && minn < 1) throw new EmbedkitError('BAD_OPTION', `minn must be >= 1 when maxn > 0, got ${minn}`, { field: 'minn' });
  if (maxn > 0 && minn > maxn) throw new EmbedkitError('BAD_OPTION', `minn (${minn}) must not exceed maxn (${maxn})`, { field: 'minn' });
}

/**
 * Calls `visit(hash, start, end)` for every character n-gram of `bytes` (a word already wrapped in
 * `<` … `>`, as UTF-8), in fastText's order: by start position, then by length. Characters are
 * counted as fastText does: it walks bytes and never starts or ends an n-gram on a UTF-8
 * continuation byte (10xxxxxx). A 1-gram that is only `<` or only `>` is skipped.
 */
export function forEachNgram(
  bytes: Uint8Array,
  minn: number,
  maxn: number,
  visit: (hash: number, start: number, end: number) => void,
): void {
  const length = bytes.length;
  for (let start = 0; start < length; start++) {
    if ((bytes[start] & 0xc0) === 0x80) continue;
    let hash = FASTTEXT_HASH_START;
    let end = start;
    for (let n = 1; end < length && n <= maxn; n++) {
      hash = fastTextHashStep(hash, bytes[end++]);
      while (end < length && (bytes[end] & 0xc0) === 0x80) hash = fastTextHashStep(hash, bytes[end++]);
      if (n >= minn && !(n === 1 && (start === 0 || end === length))) visit(hash, start, end);
    }
  }
}

/** The UTF-8 bytes of `<word>`. */
export function wrappedWordBytes(word: string): Uint8Array {
  return Buffer.from(BEGIN_OF_WORD + word + END_OF_WORD, 'utf8');
}

/** The character n-grams of `word` (wrapped in `<` … `>`) in fastText's order; duplicates kept. */
export function characterNgrams(word: string, minn: number, maxn: number): string[] {
  const bytes = wrappedWordBytes(word);
  const grams: string[] = [];
  forEachNgram(bytes, minn, maxn, (_hash, start, end) => grams.push(Buffer.from(bytes.subarray(start, end)).toString('utf8')));
  return grams;
}

/**
 * Calls `visit(row)` for each n-gram row of `word` (not its own row): nwords + hash mod bucket,
 * through the prune map when the model has one. Repeated n-grams come as often as they occur,
 * since fastText averages over the list with repeats.
 */
export function forEachNgramRow(word: string, scheme: SubwordScheme, visit: (row: number) => void): void {
  if (scheme.maxn === 0 || scheme.bucket === 0 || word === END_OF_SENTENCE) return;
  const prune = scheme.pruneIndex ?? null;
  if (prune !== null && prune.size === 0) return;
  const { nwords, bucket } = scheme;
  forEachNgram(wrappedWordBytes(word), scheme.minn, scheme.maxn, (hash) => {
    let slot = hash % bucket;
    if (prune !== null) {
      const compacted = prune.get(slot);
      if (compacted === undefined) return;
      slot = compacted;
    }
    visit(nwords + slot);
  });
}

/**
 * Rows whose mean is the vector of `word`: an in-vocabulary word (id >= 0) has its own row first,
 * then its n-gram rows; an unknown word only its n-gram rows (possibly none).
 */
export function subwordRows(word: string, id: number, scheme: SubwordScheme): Int32Array {
  const rows: number[] = id >= 0 ? [id] : [];
  forEachNgramRow(word, scheme, (row) => rows.push(row));
  return Int32Array.from(rows);
}

/** Every word's rows packed as one CSR table: rows of word i are `rows[offsets[i] .. offsets[i+1])`. */
export interface SubwordTable {
  offsets: Int32Array;
  rows: Int32Array;
}

/** The table of a whole vocabulary, grown in one Int32Array (millions of words × ~20 rows). */
export function buildSubwordTable(words: readonly string[], scheme: SubwordScheme): SubwordTable {
  const offsets = new Int32Array(words.length + 1);
  let rows = new Int32Array(Math.max(16, words.length * 4));
  let used = 0;
  const push = (row: number): void => {
    if (used === rows.length) {
      const larger = new Int32Array(rows.length * 2);
      larger.set(rows);
      rows = larger;
    }
    rows[used++] = row;
  };
  for (let id = 0; id < words.length; id++) {
    push(id);
    forEachNgramRow(words[id], scheme, push);
    offsets[id + 1] = used;
  }
  return { offsets, rows: rows.slice(0, used) };
}
