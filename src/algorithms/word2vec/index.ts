export { trainWord2Vec, type Word2VecResult } from './train.js';
export { blocksAtSentences, blocksInEpochOrder } from '../shared/corpus-blocks.js';
export { encodeCorpus, type Word2VecCorpus, type EncodedCorpus, type EncodeOptions } from './encode.js';
export { SENTENCE_END } from './id-stream.js';
export { learningRate } from './schedule.js';
export {
  resolveOptions,
  GENSIM_DEFAULTS,
  type Word2VecOptions,
  type ResolvedWord2VecOptions,
  type Word2VecProgress,
  type Word2VecEpoch,
} from './options.js';
