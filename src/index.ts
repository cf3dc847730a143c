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
export { classificationReport, type ClassificationReport, type ClassReport } from './eval/classification.js';
export { loadBrownCorpus, brownPassages, type BrownDocument } from './datasets/brown.js';
