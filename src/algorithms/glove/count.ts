import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { readLines } from '../../text/read-lines.js';
import { Tokenizer } from '../../text/tokenize.js';
import { VocabularyCounter, type Vocabulary } from '../../vocab/vocabulary.js';
import { encodeCorpus, type Word2VecCorpus } from '../word2vec/encode.js';
import { SENTENCE_END } from '../word2vec/id-stream.js';
import { allocateRecords, type CountedCooccurrences } from './cooccurrence-matrix.js';
import { resolveCooccurrenceOptions, type CooccurrenceOptions, type CooccurrenceProgress, type ResolvedCooccurrenceOptions } from './options.js';
import { PairTable } from './pair-table.js';
import { mergeRuns, readMerged, writeRun } from './runs.js';

/** Text files (plain or .gz, one sentence per line) or sentences already split into tokens. */
export type GloveCorpus = Word2VecCorpus;

const PROGRESS_INTERVAL_MS = 250;
/** Read buffers of the merge need no more than this, whatever the memory budget. */
const MAX_MERGE_BUFFER_BYTES = 256 * 2 ** 20;

/**
 * Counts the weighted co-occurrences of a corpus within `window` words, as the GloVe C tools
 * (vocab_count + cooccur) do: windows stay inside a line (sentence), out-of-vocabulary words are
 * removed before distances are measured, a pair d words apart adds 1/d (distanceWeighting), and a
 * word co-occurring with itself counts.
 *
 * Memory stays within `memoryGB`: pairs are summed in a hash table; when it is full it is sorted,
 * spilled to a temporary directory as a run, and emptied; at the end the runs are merged (k-way,
 * summing duplicates) into the final sorted records. Files are read twice (vocabulary, then pairs)
 * and never held; sentences given as token arrays are first encoded to an id stream in memory.
 */
export async function countCooccurrences(corpus: GloveCorpus, options: CooccurrenceOptions = {}): Promise<CountedCooccurrences> {
  const settings = resolveCooccurrenceOptions(options);
  if (options.vocabulary?.hasSpecials) {
    throw new EmbedkitError('BAD_OPTION', 'GloVe counts need a vocabulary without the <pad>/<unk> specials', { field: 'vocabulary' });
  }
  const report = throttled(options.onProgress);
  const started = performance.now();

  let vocabulary: Vocabulary;
  let forEachSentence: (visit: (ids: Int32Array, start: number, end: number) => void) => Promise<void>;
  if ('files' in corpus) {
    if (corpus.files.length === 0) throw new EmbedkitError('NO_INPUT', 'no corpus files given', { field: 'files' });
    const tokenizer = new Tokenizer(settings.tokenizer);
    vocabulary = options.vocabulary ?? (await countVocabulary(corpus.files, tokenizer, settings, report));
    forEachSentence = (visit) => encodeLines(corpus.files, tokenizer, vocabulary, visit);
  } else {
    const encoded = await encodeCorpus(corpus, {
      tokenizer: settings.tokenizer,
      maxSentenceLength: Number.MAX_SAFE_INTEGER,
      minCount: settings.minCount,
      maxVocabSize: settings.maxVocab,
      vocabulary: options.vocabulary,
    });
    vocabulary = encoded.vocabulary;
    forEachSentence = async (visit) => forEachStreamSentence(encoded.ids(), visit);
  }
  const vocabularySeconds = (performance.now() - started) / 1000;

  const counter = new WindowCounter(vocabulary.size, settings);
  try {
    let sentences = 0;
    await forEachSentence((ids, start, end) => {
      counter.addSentence(ids, start, end);
      if ((++sentences & 1023) === 0) report({ phase: 'count', done: counter.tokens, spilledRuns: counter.runs.length });
    });
    const countSeconds = (performance.now() - started) / 1000 - vocabularySeconds;
    const records = counter.finish(settings.memoryBytes, (merged) => report({ phase: 'merge', done: merged, spilledRuns: counter.runs.length }));
    const mergeSeconds = (performance.now() - started) / 1000 - vocabularySeconds - countSeconds;
    return {
      vocabulary,
      ...records,
      stats: {
        tokens: counter.tokens,
        spilledRuns: counter.runs.length,
        seconds: { vocabulary: vocabularySeconds, count: countSeconds, merge: mergeSeconds },
      },
    };
  } finally {
    counter.removeRuns();
  }
}

/** The pair table plus the runs spilled from it. */
class WindowCounter {
  tokens = 0;
  readonly runs: string[] = [];
  private table: PairTable | null;
  private readonly window: number;
  private readonly symmetric: boolean;
  private readonly distanceWeighting: boolean;
  private readonly vocabularySize: number;
  private readonly tmpParent: string;
  private runDirectory: string | null = null;

  constructor(vocabularySize: number, settings: ResolvedCooccurrenceOptions) {
    this.vocabularySize = vocabularySize;
    this.window = settings.window;
    this.symmetric = settings.symmetric;
    this.distanceWeighting = settings.distanceWeighting;
    this.tmpParent = settings.tmpDir ?? tmpdir();
    // One center word adds up to 2 × window new pairs between two fullness checks.
    this.table = new PairTable(vocabularySize, settings.memoryBytes, 2 * settings.window);
  }

  /** Counts the pairs within ids[start, end): one sentence. */
  addSentence(ids: Int32Array, start: number, end: number): void {
    const table = this.table!;
    const window = this.window;
    const symmetric = this.symmetric;
    const weighted = this.distanceWeighting;
    for (let position = start; position < end; position++) {
      const center = ids[position];
      const first = position - window > start ? position - window : start;
      for (let before = position - 1; before >= first; before--) {
        const weight = weighted ? 1 / (position - before) : 1;
        const context = ids[before];
        table.add(context, center, weight);
        if (symmetric) table.add(center, context, weight);
      }
      if (table.isFull) this.spill();
    }
    this.tokens += end - start;
  }

  /** The sorted records: straight from the table when nothing was spilled, else merged from the runs. */
  finish(memoryBytes: number, onMerged: (merged: number) => void): { size: number; rows: Int32Array; cols: Int32Array; values: Float32Array } {
    const table = this.table!;
    if (this.runs.length === 0) {
      const pairs = table.sortedPairs();
      const records = allocateRecords(pairs.length);
      const v = this.vocabularySize;
      for (let k = 0; k < pairs.length; k++) {
        const key = pairs.keys[k];
        const row = Math.floor(key / v);
        records.rows[k] = row;
        records.cols[k] = key - row * v;
        records.values[k] = pairs.sums[k];
      }
      this.table = null;
      return { size: pairs.length, ...records };
    }
    if (table.size > 0) this.spill();
    this.table = null; // the merge's buffers take its place
    const merged = join(this.runDirectory!, 'merged.bin');
    const size = mergeRuns(this.runs, merged, this.vocabularySize, Math.min(memoryBytes, MAX_MERGE_BUFFER_BYTES), onMerged);
    const records = allocateRecords(size);
    readMerged(merged, size, records.rows, records.cols, records.values);
    return { size, ...records };
  }

  removeRuns(): void {
    if (this.runDirectory !== null) rmSync(this.runDirectory, { recursive: true, force: true });
    this.runDirectory = null;
  }

  private spill(): void {
    const table = this.table!;
    if (this.runDirectory === null) this.runDirectory = mkdtempSync(join(this.tmpParent, 'embedkit-glove-'));
    const path = join(this.runDirectory, `run-${this.runs.length}.bin`);
    writeRun(path, table.sortedPairs());
    table.clear();
    this.runs.push(path);
  }
}

async function countVocabulary(
  files: string[],
  tokenizer: Tokenizer,
  settings: ResolvedCooccurrenceOptions,
  report: (progress: CooccurrenceProgress) => void,
): Promise<Vocabulary> {
  const counter = new VocabularyCounter();
  let lines = 0;
  for await (const line of readLines(files)) {
    counter.add(tokenizer.tokenize(line));
    if ((++lines & 1023) === 0) report({ phase: 'vocabulary', done: counter.totalTokens, spilledRuns: 0 });
  }
  const vocabulary = counter.finish({ minCount: settings.minCount, maxSize: settings.maxVocab, specials: false });
  if (vocabulary.size === 0) {
    throw new EmbedkitError('EMPTY_VOCABULARY', `no word occurs at least ${settings.minCount} times (minCount) in ${counter.totalTokens} tokens`, {
      field: 'minCount',
    });
  }
  return vocabulary;
}

/** Second pass over the files: each line's in-vocabulary ids, in one reused buffer. */
async function encodeLines(
  files: string[],
  tokenizer: Tokenizer,
  vocabulary: Vocabulary,
  visit: (ids: Int32Array, start: number, end: number) => void,
): Promise<void> {
  let ids = new Int32Array(1024);
  for await (const line of readLines(files)) {
    const tokens = tokenizer.tokenize(line);
    if (tokens.length > ids.length) ids = new Int32Array(Math.max(tokens.length, 2 * ids.length));
    let length = 0;
    for (let t = 0; t < tokens.length; t++) {
      const id = vocabulary.id(tokens[t]);
      if (id >= 0) ids[length++] = id;
    }
    if (length > 0) visit(ids, 0, length);
  }
}

function forEachStreamSentence(stream: Int32Array, visit: (ids: Int32Array, start: number, end: number) => void): void {
  let start = 0;
  for (let k = 0; k < stream.length; k++) {
    if (stream[k] !== SENTENCE_END) continue;
    if (k > start) visit(stream, start, k);
    start = k + 1;
  }
  if (stream.length > start) visit(stream, start, stream.length);
}

function throttled(onProgress: ((progress: CooccurrenceProgress) => void) | undefined): (progress: CooccurrenceProgress) => void {
  if (!onProgress) return () => {};
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    onProgress(progress);
  };
}
