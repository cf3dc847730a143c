export { countCooccurrences, type GloveCorpus } from './count.js';
export { trainGlove, type GloveResult } from './train.js';
export type { CooccurrenceMatrix, CooccurrenceStats, CountedCooccurrences } from './cooccurrence-matrix.js';
export {
  resolveCooccurrenceOptions,
  resolveGloveOptions,
  DEFAULT_COOCCURRENCE,
  DEFAULT_GLOVE,
  type CooccurrenceOptions,
  type CooccurrenceProgress,
  type GloveOptions,
  type GloveProgress,
  type GloveEpoch,
} from './options.js';
