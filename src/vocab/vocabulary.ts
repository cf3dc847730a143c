import { EmbedkitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { compareCodePoints } from './code-point-order.js';
import { readJsonFile } from './json-file.js';

export interface VocabularyOptions {
  /** Words seen fewer times are left out. Default 1. Applied before maxSize. */
  minCount?: number;
  /** At most this many entries, specials included: the most frequent words are kept. */
  maxSize?: number;
  /** Default true: '<pad>' gets id 0 and '<unk>' id 1, and unknown words encode to '<unk>'. */
  specials?: boolean;
  /**
   * Distinct words held while counting before the rarest are pruned (as word2vec's ReduceVocab does at
   * 0.7 × its 30M hash table). Default 30,000,000. Bounds memory on an unbounded stream.
   */
  maxTableSize?: number;
}

export const PAD_TOKEN = '<pad>';
export const UNK_TOKEN = '<unk>';
const SPECIAL_TOKENS = [PAD_TOKEN, UNK_TOKEN] as const;
const JSON_FORMAT = 'embedkit.vocabulary';
const JSON_VERSION = 1;
const DEFAULT_MAX_TABLE_SIZE = 30_000_000;

/** Counts words from a stream with bounded memory; `finish` turns the counts into a Vocabulary. */
export class VocabularyCounter {
  private readonly table = new Map<string, number>();
  private readonly maxTableSize: number;
  private readonly defaults: VocabularyOptions;
  private tokensSeen = 0;
  private wordsPruned = 0;
  private pruneThreshold = 0;

  constructor(options: VocabularyOptions = {}) {
    this.defaults = options;
    this.maxTableSize = positiveInteger(options.maxTableSize, DEFAULT_MAX_TABLE_SIZE, 'maxTableSize');
  }

  /** Every token added, pruned ones included. */
  get totalTokens(): number {
    return this.tokensSeen;
  }

  /** Words dropped from the table by pruning (a word dropped twice counts twice); 0 when it never happened. */
  get prunedWords(): number {
    return this.wordsPruned;
  }

  /** Counts at or below this may be missing or too low because of pruning; 0 when it never happened. */
  get pruneMinCount(): number {
    return this.pruneThreshold;
  }

  /** Distinct words currently held. */
  get distinctWords(): number {
    return this.table.size;
  }

  add(tokens: readonly string[]): void {
    const table = this.table;
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i];
      const count = table.get(word);
      if (count === undefined) {
        table.set(word, 1);
        if (table.size > this.maxTableSize) this.prune();
      } else {
        table.set(word, count + 1);
      }
    }
    this.tokensSeen += tokens.length;
  }

  addWord(word: string, n = 1): void {
    if (!(n >= 0) || !Number.isFinite(n)) {
      throw new EmbedkitError('BAD_COUNT', `count of ${JSON.stringify(word)} must be a finite number >= 0, got ${n}`);
    }
    const count = this.table.get(word);
    this.table.set(word, count === undefined ? n : count + n);
    this.tokensSeen += n;
    if (count === undefined && this.table.size > this.maxTableSize) this.prune();
  }

  /** Sorts the counted words: specials first, then by count descending, ties by code point order. */
  finish(options: VocabularyOptions = this.defaults): Vocabulary {
    const specials = options.specials ?? true;
    const minCount = nonNegativeNumber(options.minCount, 1, 'minCount');
    const specialCount = specials ? SPECIAL_TOKENS.length : 0;
    const maxSize = positiveInteger(options.maxSize, Number.MAX_SAFE_INTEGER, 'maxSize');
    if (maxSize < specialCount) {
      throw new EmbedkitError('BAD_OPTION', `maxSize ${maxSize} leaves no room for the ${specialCount} special tokens`, {
        field: 'maxSize',
      });
    }
    const kept: Array<[string, number]> = [];
    for (const entry of this.table) {
      if (entry[1] >= minCount && !(specials && isSpecial(entry[0]))) kept.push(entry);
    }
    kept.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    const size = Math.min(kept.length + specialCount, maxSize);
    const words: string[] = specials ? [...SPECIAL_TOKENS] : [];
    const counts = new Float64Array(size);
    for (let id = specialCount; id < size; id++) {
      const [word, count] = kept[id - specialCount];
      words.push(word);
      counts[id] = count;
    }
    return Vocabulary.fromTrustedParts(words, counts, specials);
  }

  /** word2vec's ReduceVocab: drop every word at or below a threshold that rises each time. */
  private prune(): void {
    while (this.table.size > this.maxTableSize) {
      const threshold = ++this.pruneThreshold;
      for (const [word, count] of this.table) {
        if (count <= threshold) {
          this.table.delete(word);
          this.wordsPruned++;
        }
      }
    }
  }
}

export class Vocabulary {
  readonly words: readonly string[];
  /** Corpus count per id; 0 for the specials. */
  readonly counts: Float64Array;
  readonly hasSpecials: boolean;
  /** 0 with specials, -1 without. */
  readonly padId: number;
  /** 1 with specials, -1 without. */
  readonly unkId: number;
  /** Sum of `counts`: the corpus tokens this vocabulary covers (word2vec's train_words). */
  readonly totalCount: number;
  private readonly ids: Map<string, number>;

  private constructor(words: string[], counts: Float64Array, hasSpecials: boolean) {
    this.words = Object.freeze(words);
    this.counts = counts;
    this.hasSpecials = hasSpecials;
    this.padId = hasSpecials ? 0 : -1;
    this.unkId = hasSpecials ? 1 : -1;
    this.ids = new Map();
    let total = 0;
    for (let id = 0; id < words.length; id++) {
      this.ids.set(words[id], id);
      total += counts[id];
    }
    this.totalCount = total;
  }

  /** For VocabularyCounter, whose words are unique and counts valid by construction. */
  static fromTrustedParts(words: string[], counts: Float64Array, hasSpecials: boolean): Vocabulary {
    return new Vocabulary(words, counts, hasSpecials);
  }

  /** Counts every token list (one sentence or document each) and builds the vocabulary. */
  static async build(
    tokenLists: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
    options: VocabularyOptions = {},
  ): Promise<Vocabulary> {
    const counter = new VocabularyCounter(options);
    for await (const tokens of tokenLists) counter.add(tokens);
    return counter.finish(options);
  }

  /**
   * A vocabulary in the given order (ids follow it, after the specials when there are any). With
   * specials, a list that already starts with '<pad>', '<unk>' (such as another vocabulary's `words`)
   * is accepted and those two entries are not added twice.
   */
  static fromWords(words: readonly string[], counts?: ArrayLike<number>, options: { specials?: boolean } = {}): Vocabulary {
    return Vocabulary.validated(words, counts, options.specials ?? true, undefined);
  }

  get size(): number {
    return this.words.length;
  }

  /** The word's id; for an unknown word, unkId with specials and -1 without. */
  id(word: string): number {
    return this.ids.get(word) ?? this.unkId;
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  word(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.words.length) {
      throw new EmbedkitError('BAD_ID', `id ${id} is outside the vocabulary (size ${this.words.length})`);
    }
    return this.words[id];
  }

  /**
   * Ids of the tokens. Unknown tokens become unkId with specials; without specials they are left out,
   * as Keras' texts_to_sequences does without an oov_token, so the result may be shorter.
   */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    const written = this.encodeInto(tokens, out, 0);
    return written === out.length ? out : out.slice(0, written);
  }

  /** `encode` into a caller's buffer from `offset` (which must have room for every token); returns how many ids were written. */
  encodeInto(tokens: readonly string[], out: Int32Array, offset = 0): number {
    const ids = this.ids;
    const unkId = this.unkId;
    let at = offset;
    for (let i = 0; i < tokens.length; i++) {
      const id = ids.get(tokens[i]);
      if (id !== undefined) out[at++] = id;
      else if (unkId >= 0) out[at++] = unkId;
    }
    return at - offset;
  }

  /** Words of the ids; padding ids are skipped so that a padded row decodes to its words. */
  decode(ids: ArrayLike<number>): string[] {
    const words: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id >= this.words.length) {
        throw new EmbedkitError('BAD_ID', `id ${id} is outside the vocabulary (size ${this.words.length})`, {
          field: `ids[${i}]`,
        });
      }
      if (id !== this.padId) words.push(this.words[id]);
    }
    return words;
  }

  toJSON(): { format: string; version: number; specials: boolean; words: string[]; counts: number[] } {
    const first = this.hasSpecials ? SPECIAL_TOKENS.length : 0;
    return {
      format: JSON_FORMAT,
      version: JSON_VERSION,
      specials: this.hasSpecials,
      words: this.words.slice(first),
      counts: Array.from(this.counts.subarray(first)),
    };
  }

  /** Validates everything; `source` (a file name) goes into the error messages. */
  static fromJSON(json: unknown, source?: string): Vocabulary {
    const fail = (message: string, field?: string): never => {
      throw new EmbedkitError('BAD_VOCABULARY', message, { file: source, field });
    };
    if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('a vocabulary must be a JSON object');
    const object = json as Record<string, unknown>;
    if (object.format !== JSON_FORMAT) fail(`expected "${JSON_FORMAT}", got ${JSON.stringify(object.format)}`, 'format');
    if (object.version !== JSON_VERSION) {
      fail(`unsupported version ${JSON.stringify(object.version)} (this build reads ${JSON_VERSION})`, 'version');
    }
    if (typeof object.specials !== 'boolean') fail('must be true or false', 'specials');
    if (!Array.isArray(object.words)) fail('must be an array of strings', 'words');
    if (!Array.isArray(object.counts)) fail('must be an array of numbers', 'counts');
    return Vocabulary.validated(object.words as unknown[], object.counts as unknown[], object.specials as boolean, source);
  }

  /** Atomic: a reader never sees a half-written file. */
  async save(path: string): Promise<void> {
    await writeFileAtomic(path, JSON.stringify(this.toJSON()) + '\n');
  }

  static async load(path: string): Promise<Vocabulary> {
    return Vocabulary.fromJSON(await readJsonFile(path), path);
  }

  private static validated(
    words: readonly unknown[],
    counts: ArrayLike<unknown> | undefined,
    specials: boolean,
    source: string | undefined,
  ): Vocabulary {
    const fail = (message: string, field: string): never => {
      throw new EmbedkitError('BAD_VOCABULARY', message, { file: source, field });
    };
    if (counts !== undefined && counts.length !== words.length) {
      fail(`has ${counts.length} entries but there are ${words.length} words`, 'counts');
    }
    const skip = specials && words[0] === PAD_TOKEN && words[1] === UNK_TOKEN ? SPECIAL_TOKENS.length : 0;
    const allWords: string[] = specials ? [...SPECIAL_TOKENS] : [];
    const allCounts = new Float64Array(allWords.length + words.length - skip);
    const seen = new Set<string>(allWords);
    for (let i = skip; i < words.length; i++) {
      const word = words[i];
      if (typeof word !== 'string' || word.length === 0) fail('must be a non-empty string', `words[${i}]`);
      if (seen.has(word as string)) {
        fail(
          isSpecial(word as string) && specials
            ? `${JSON.stringify(word)} is a special token, added automatically`
            : `${JSON.stringify(word)} appears twice`,
          `words[${i}]`,
        );
      }
      seen.add(word as string);
      const count = counts === undefined ? 0 : counts[i];
      if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
        fail(`must be a finite number >= 0, got ${JSON.stringify(count)}`, `counts[${i}]`);
      }
      allCounts[allWords.length] = count as number;
      allWords.push(word as string);
    }
    return new Vocabulary(allWords, allCounts, specials);
  }
}

function isSpecial(word: string): boolean {
  return word === PAD_TOKEN || word === UNK_TOKEN;
}

function positiveInteger(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new EmbedkitError('BAD_OPTION', `${field} must be a positive integer, got ${value}`, { field });
  }
  return value;
}

function nonNegativeNumber(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new EmbedkitError('BAD_OPTION', `${field} must be a number >= 0, got ${value}`, { field });
  }
  return value;
}
