// The public API of embedkit, folder by folder in the direction data flows.
export { EmbedkitError, type ErrorPlace } from './errors.js';
export { Random } from './util/random.js';
export { type Matrix, createMatrix, row } from './util/matrix.js';

export { tokenize, Tokenizer, type TokenizeOptions, type TokenizerConfig } from './text/tokenize.js';
export { readLines, readLinesNumbered } from './text/read-lines.js';

export { Vocabulary, VocabularyCounter, type VocabularyOptions, PAD_TOKEN, UNK_TOKEN } from './vocab/vocabulary.js';
export { padSequences, type PadOptions, type PaddedBatch } from './vocab/pad.js';

export * from './layers/index.js';
export { Sequential } from './models/sequential.js';
export * from './models/optimizers.js';
export * from './models/losses.js';
export { saveModel, loadModel, exportTfjs } from './models/save.js';

export { readDataset, type LabelledTexts, type DatasetFormat, type ReadDatasetOptions } from './classify/dataset.js';
export { TextClassifier, trainTextClassifier, type TextClassifierOptions, type Prediction } from './classify/text-classifier.js';
export * from './eval/index.js';
export { loadBrownCorpus, brownPassages, type BrownDocument } from './datasets/brown.js';

export * from './algorithms/word2vec/index.js';
export {
  trainGlove,
  countCooccurrences,
  type GloveOptions,
  type GloveResult,
  type CooccurrenceOptions,
} from './algorithms/glove/index.js';
export { trainFastText, fastTextHash, characterNgrams, type FastTextOptions } from './algorithms/fasttext/index.js';
export { SubwordVectors } from './vectors/subword-vectors.js';
export { readFastTextBin, loadFastTextVectors, saveFastTextBin } from './io/fasttext-bin.js';
export { KeyedVectors, type Neighbour, type SimilarityQuery, type QueryTerm } from './vectors/keyed-vectors.js';
export { embeddingMatrixFromVectors, type EmbeddingInit, type EmbeddingInitOptions } from './vectors/embedding-init.js';
export {
  loadVectors,
  saveVectors,
  describeVectorFile,
  formatFromExtension,
  VECTOR_FORMATS,
  type VectorFormat,
  type LoadVectorsOptions,
  type SaveVectorsOptions,
  type LoadedVectors,
} from './io/vectors-io.js';
export { writeFileAtomic, writeDirectoryAtomic } from './io/atomic.js';

export { pca, type PcaResult } from './viz/pca.js';
export { umapProject } from './viz/umap.js';
export { kMeans } from './viz/kmeans.js';
export { projectWords, selectWords } from './viz/projection.js';
export { renderScatterSvg } from './viz/scatter-svg.js';
export { renderTrainingCurvesSvg } from './viz/line-chart-svg.js';
export { writePlot } from './viz/plot-output.js';
export { writeTrainingCurves } from './viz/training-curves.js';
export { createServer } from './server/app.js';
export * from './align/index.js';
