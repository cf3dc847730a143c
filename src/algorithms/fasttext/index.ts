/**
 * fastText-style subword vectors. Character n-grams of 3..6 characters (fastText's defaults) suit
 * alphabetic languages; for Chinese, where one character already carries meaning and words are 1–4
 * characters long, minn 1 / maxn 2 (or 2..3) is the usual choice: 3..6 would give most words no n-gram
 * at all besides the `<`/`>`-padded ones.
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
