// Aligning pretrained vectors to a model vocabulary lives with the Embedding layer that uses it; KeyedVectors
// satisfies its WordVectorSource.
export {
  embeddingMatrixFromVectors,
  type EmbeddingInit,
  type EmbeddingInitOptions,
  type WordVectorSource,
} from '../layers/pretrained-rows.js';
