// The evaluations: intrinsic ones of word vectors (analogies, word-pair similarity), the statistics
// they rest on, and the classification report of downstream tasks.
export {
  evaluateAnalogies,
  evaluateAnalogyLines,
  type AnalogyCounts,
  type AnalogyMethod,
  type AnalogyOptions,
  type AnalogyResult,
  type AnalogySection,
} from './analogies.js';
export {
  evaluateWordPairs,
  evaluateWordPairLines,
  EvaluationVocabulary,
  readTestSetLines,
  type TestSetLine,
  type WordPairsOptions,
  type WordPairsResult,
} from './similarity.js';
export { averageRanks, pearson, spearman } from './statistics.js';
export { classificationReport, type ClassificationReport, type ClassReport } from './classification.js';
