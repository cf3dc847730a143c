import { trainWord2Vec, type Word2VecResult } from '../algorithms/word2vec/train.js';
import type { Word2VecOptions } from '../algorithms/word2vec/options.js';
import { EmbedkitError } from '../errors.js';
import { readLines } from '../text/read-lines.js';
import { Random } from '../util/random.js';
import { LanguageTokenizer, tagWord, type Language } from './language-text.js';
import { readSentencePairs, TATOEBA_COLUMNS, type PairColumns, type SentencePair } from './sentence-pairs.js';

export interface BilingualOptions extends Omit<Word2VecOptions, 'tokenizer'> {
  /** Monolingual Chinese text (one sentence or paragraph a line, plain or .gz), tagged `zh:`. */
  monoSrc?: string | string[];
  /** Monolingual English text, tagged `en:`. */
  monoTgt?: string | string[];
  /** Columns of the pairs file (default English 0, Chinese 1). */
  columns?: PairColumns;
  /** The monolingual files are already tokenized: words separated by single spaces (no segmenter run). */
  monoTokenized?: boolean;
  /**
   * Each pair is merged and shuffled this many times, a fresh order each time (default 20). Pairs
   * are few beside monolingual text, and they alone carry the cross-lingual signal: on Tatoeba +
   * 14M monolingual tokens, zh→en P@1 went 0.035 (5) → 0.082 (20) → 0.129 (50).
   */
  repeat?: number;
}

/**
 * Pseudo-bilingual word vectors (Vulić & Moens 2015): the tagged words of each translation pair
 * (`zh:猫`, `en:cat`) are merged into one sentence and shuffled, so a word's context holds the
 * words of both languages and translations end up close; word2vec then trains on these
 * sentences, optionally interleaved with tagged monolingual text of each language, which gives
 * the vocabulary the pairs alone lack. Defaults differ from plain word2vec: skip-gram, window 10
 * (a merged pair is a bag of words, so the window should cover it), min count 2.
 */
export async function trainBilingual(pairs: string | readonly SentencePair[], options: BilingualOptions = {}): Promise<Word2VecResult> {
  const repeat = options.repeat ?? 20;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new EmbedkitError('BAD_OPTION', `repeat must be a positive integer, not ${repeat}`, { field: 'repeat' });
  }
  const pairList = typeof pairs === 'string' ? await readSentencePairs(pairs, options.columns ?? TATOEBA_COLUMNS) : pairs;
  if (pairList.length === 0) throw new EmbedkitError('NO_INPUT', 'no sentence pairs to train on', { field: 'pairs' });
  const chinese = new LanguageTokenizer('zh');
  const english = new LanguageTokenizer('en');
  const tagged = pairList.map((pair) => [chinese.tokenizeTagged(pair.chinese), english.tokenizeTagged(pair.english)] as const);
  const seed = options.seed ?? 1;
  const streams: SentenceStream[] = [
    { total: pairList.length * repeat, done: 0, sentences: pseudoBilingualSentences(tagged, repeat, seed) },
  ];
  for (const [files, tokenizer] of [
    [options.monoSrc, chinese],
    [options.monoTgt, english],
  ] as const) {
    const list = files === undefined ? [] : typeof files === 'string' ? [files] : files;
    if (list.length === 0) continue;
    const sentences = options.monoTokenized ? taggedTokenLines(list, tokenizer.language) : taggedLines(list, tokenizer);
    streams.push({ total: await countLines(list), done: 0, sentences });
  }
  const { monoSrc: _src, monoTgt: _tgt, columns: _columns, repeat: _repeat, monoTokenized: _tokenized, ...word2vec } = options;
  return trainWord2Vec(
    { sentences: interleave(streams) },
    { sg: 1, window: 10, minCount: 2, ...word2vec },
  );
}

/**
 * The merged, shuffled sentence of every pair, `repeat` times over (a new shuffle each round),
 * from one seeded generator, so the same seed gives the same corpus.
 */
export function* pseudoBilingualSentences(
  tagged: readonly (readonly [readonly string[], readonly string[]])[],
  repeat: number,
  seed: number,
): Generator<string[]> {
  const random = new Random(seed);
  for (let round = 0; round < repeat; round++) {
    for (const [source, target] of tagged) yield mergePair(source, target, random);
  }
}

/** Both sides' tokens in one random order. */
export function mergePair(source: readonly string[], target: readonly string[], random: Random): string[] {
  const merged = new Array<string>(source.length + target.length);
  for (let i = 0; i < source.length; i++) merged[i] = source[i];
  for (let i = 0; i < target.length; i++) merged[source.length + i] = target[i];
  return random.shuffle(merged);
}

interface SentenceStream {
  total: number;
  done: number;
  sentences: Iterator<string[]> | AsyncIterator<string[]>;
}

/**
 * Takes next from whichever stream is least far along, so pairs and monolingual text are spread
 * evenly through the corpus instead of one block after the other (word2vec's learning rate decays
 * over the corpus, so a block at the end would be learnt with a small rate).
 */
async function* interleave(streams: SentenceStream[]): AsyncIterable<string[]> {
  const live = streams.map((stream) => ({ ...stream, sentences: toAsync(stream.sentences) }));
  while (live.length > 0) {
    let pick = 0;
    for (let i = 1; i < live.length; i++) {
      if (live[i].done / Math.max(1, live[i].total) < live[pick].done / Math.max(1, live[pick].total)) pick = i;
    }
    const next = await live[pick].sentences.next();
    if (next.done) {
      live.splice(pick, 1);
      continue;
    }
    live[pick].done++;
    if (next.value.length > 0) yield next.value;
  }
}

function toAsync(iterator: Iterator<string[]> | AsyncIterator<string[]>): AsyncIterator<string[]> {
  return {
    next: async () => iterator.next(),
  };
}

async function* taggedLines(files: string[], tokenizer: LanguageTokenizer): AsyncGenerator<string[]> {
  for await (const line of readLines(files)) yield tokenizer.tokenizeTagged(line);
}

async function* taggedTokenLines(files: string[], language: Language): AsyncGenerator<string[]> {
  for await (const line of readLines(files)) {
    if (line === '') continue;
    const tokens = line.split(' ');
    for (let i = 0; i < tokens.length; i++) tokens[i] = tagWord(language, tokens[i]);
    yield tokens;
  }
}

async function countLines(files: string[]): Promise<number> {
  let lines = 0;
  for await (const _line of readLines(files)) lines++;
  return lines;
}
