import { EmbedkitError } from '../../errors.js';
import { readLines } from '../../text/read-lines.js';
import { Tokenizer, type TokenizeOptions } from '../../text/tokenize.js';
import { Vocabulary, VocabularyCounter } from '../../vocab/vocabulary.js';
import { IdStreamBuilder } from './id-stream.js';
import type { SharedWasmMemory } from '../shared/wasm-api.js';

/** Text files (plain or .gz, one sentence per line, tokenized) or sentences already split into tokens. */
export type Word2VecCorpus = { files: string[] } | { sentences: Iterable<string[]> | AsyncIterable<string[]> };

export interface EncodeOptions {
  tokenizer: TokenizeOptions;
  /** Longer sentences are cut into consecutive pieces of at most this many tokens. */
  maxSentenceLength: number;
  minCount: number;
  maxVocabSize: number | undefined;
  /** Encode with this vocabulary (unknown tokens dropped) instead of counting one. */
  vocabulary?: Vocabulary;
}

export interface EncodedCorpus {
  /** Shared WebAssembly memory holding the stream at STREAM_OFFSET; training grows it for the rest. */
  memory: SharedWasmMemory;
  /** Stream length in ids: in-vocabulary tokens plus one SENTENCE_END (-1) per sentence. */
  length: number;
  /** In-vocabulary tokens: the words of one epoch. */
  words: number;
  sentences: number;
  vocabulary: Vocabulary;
  /** The stream: vocabulary ids, -1 closing each sentence (a view, valid until the memory grows). */
  ids(): Int32Array;
}

/**
 * One pass over the corpus: tokens are counted and written as ids in first-seen order, straight
 * into the memory training will use; once the vocabulary is final (min count, size limit,
 * frequency order) the stream is rewritten in place to its ids, rare words dropped. The text itself is never held, only one line at a time.
 */
export async function encodeCorpus(corpus: Word2VecCorpus, options: EncodeOptions): Promise<EncodedCorpus> {
  if (options.vocabulary !== undefined) return encodeWithVocabulary(corpus, options, options.vocabulary);

  const firstSeen = new Map<string, number>();
  const words: string[] = [];
  let counts = new Float64Array(1 << 12);
  const stream = new IdStreamBuilder();
  for await (const tokens of sentencesOf(corpus, options.tokenizer)) {
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && i % options.maxSentenceLength === 0) stream.endSentence();
      const token = tokens[i];
      let id = firstSeen.get(token);
      if (id === undefined) {
        id = words.length;
        firstSeen.set(token, id);
        words.push(token);
        if (id === counts.length) {
          const larger = new Float64Array(counts.length * 2);
          larger.set(counts);
          counts = larger;
        }
      }
      counts[id]++;
      stream.push(id);
    }
    stream.endSentence();
  }
  firstSeen.clear();

  const counter = new VocabularyCounter();
  for (let id = 0; id < words.length; id++) counter.addWord(words[id], counts[id]);
  const vocabulary = counter.finish({ minCount: options.minCount, maxSize: options.maxVocabSize, specials: false });
  if (vocabulary.size === 0) {
    throw new EmbedkitError(
      'EMPTY_VOCABULARY',
      `no word occurs at least ${options.minCount} times (minCount) in ${stream.tokens} tokens`,
      { field: 'minCount' },
    );
  }
  const finalId = new Int32Array(words.length);
  for (let id = 0; id < words.length; id++) finalId[id] = vocabulary.id(words[id]);
  return encoded(stream, finalId, vocabulary);
}

/**
 * encodeCorpus for a trainer: the encoding options taken from its resolved settings, and a corpus
 * with no in-vocabulary word refused, since there would be nothing to train on.
 */
export async function encodeTrainingCorpus(
  corpus: Word2VecCorpus,
  settings: Omit<EncodeOptions, 'vocabulary'>,
  vocabulary: Vocabulary | undefined,
): Promise<EncodedCorpus> {
  const encoded = await encodeCorpus(corpus, {
    tokenizer: settings.tokenizer,
    maxSentenceLength: settings.maxSentenceLength,
    minCount: settings.minCount,
    maxVocabSize: settings.maxVocabSize,
    vocabulary,
  });
  if (encoded.words === 0) {
    throw new EmbedkitError('EMPTY_CORPUS', 'the corpus has no in-vocabulary words to train on', { field: 'corpus' });
  }
  return encoded;
}

async function encodeWithVocabulary(corpus: Word2VecCorpus, options: EncodeOptions, vocabulary: Vocabulary): Promise<EncodedCorpus> {
  const stream = new IdStreamBuilder();
  for await (const tokens of sentencesOf(corpus, options.tokenizer)) {
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && i % options.maxSentenceLength === 0) stream.endSentence();
      const id = vocabulary.id(tokens[i]);
      if (id >= 0) stream.push(id);
    }
    stream.endSentence();
  }
  return encoded(stream, null, vocabulary);
}

function encoded(stream: IdStreamBuilder, finalId: Int32Array | null, vocabulary: Vocabulary): EncodedCorpus {
  const size = stream.remap(finalId);
  return { ...size, memory: stream.memory, vocabulary, ids: () => stream.ids() };
}

async function* sentencesOf(corpus: Word2VecCorpus, tokenizerOptions: TokenizeOptions): AsyncIterable<string[]> {
  if ('files' in corpus) {
    if (corpus.files.length === 0) throw new EmbedkitError('NO_INPUT', 'no corpus files given', { field: 'files' });
    const tokenizer = new Tokenizer(tokenizerOptions);
    for await (const line of readLines(corpus.files)) yield tokenizer.tokenize(line);
    return;
  }
  yield* corpus.sentences;
}
