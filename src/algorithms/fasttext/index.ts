/**
 * fastText-style subword vectors. Character n-grams of 3..6 characters (fastText's defaults) suit
 * alphabetic languages. For Chinese use minn 1, maxn 2: a character already carries meaning and most
 * words are 1–3 characters, so 3..6 grams are mostly the `<`/`>`-padded whole word. Measured with
 * `node dist/bench/fasttext.js --chinese` (zh-raw, jieba, 5 epochs, Spearman on wordsim-297 over all
 * pairs, unseen words from n-grams): no n-grams 0.13 (known pairs only), 1..2 0.30, 2..3 0.24, 3..6 0.12.
 */
export { trainFastText, type FastTextResult } from './train.js';
export {
  resolveFastTextOptions,
  FASTTEXT_DEFAULTS,
  type FastTextOptions,
  type ResolvedFastTextOptions,
  type FastTextProgress,
  type FastTextEpoch,
} from './options.js';
export { fastTextHash } from './hash.js';
export {
  characterNgrams,
  subwordRows,
  buildSubwordTable,
  forEachNgram,
  BEGIN_OF_WORD,
  END_OF_WORD,
  END_OF_SENTENCE,
  type SubwordScheme,
  type SubwordTable,
} from './subwords.js';
export { SubwordVectors, type SubwordVectorsInit } from '../../vectors/subword-vectors.js';
export {
  readFastTextBin,
  loadFastTextVectors,
  writeFastTextBin,
  saveFastTextBin,
  fastTextModelOf,
  subwordVectorsFromModel,
  FASTTEXT_MAGIC,
  FASTTEXT_VERSION,
  type FastTextModel,
} from '../../io/fasttext-bin.js';
export { FASTTEXT_LOSS, FASTTEXT_MODEL, FASTTEXT_SKIPGRAM_ARGS, type FastTextArgs } from '../../io/fasttext-args.js';
