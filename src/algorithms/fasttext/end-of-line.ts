import { Vocabulary } from '../../vocab/vocabulary.js';
import type { EncodedCorpus } from '../word2vec/encode.js';
import { END_OF_SENTENCE } from './subwords.js';

/** The id stream a fastText run trains on, and the vocabulary its ids refer to. */
export interface TrainingStream {
  vocabulary: Vocabulary;
  /** Word ids, -1 closing each sentence. */
  ids: Int32Array;
  /** Ids that are words (not -1): what one epoch reads, `</s>` included. */
  tokens: number;
}

/**
 * fastText reads `</s>` at the end of every line as a word of its own: counted in the vocabulary (by
 * count among the others, so it is the 3rd–5th most frequent word of an English corpus), subsampled,
 * a context and a negative like any word, and part of the token total behind both subsampling and the
 * learning-rate schedule; it has no n-grams. This gives the encoded corpus that word before every
 * sentence end. A vocabulary given by the caller keeps its ids: `</s>` is added to the stream only
 * when it has that word.
 */
export function withEndOfLineWord(encoded: EncodedCorpus, givenVocabulary: boolean): TrainingStream {
  const source = encoded.ids();
  const { vocabulary } = encoded;
  let endId = vocabulary.has(END_OF_SENTENCE) ? vocabulary.id(END_OF_SENTENCE) : -1;
  let target = vocabulary;
  let shiftFrom = vocabulary.size;
  if (endId < 0) {
    if (givenVocabulary || encoded.sentences === 0) return { vocabulary, ids: source.slice(), tokens: encoded.words };
    target = insertWord(vocabulary, END_OF_SENTENCE, encoded.sentences);
    endId = target.id(END_OF_SENTENCE);
    shiftFrom = endId;
  }
  const ids = new Int32Array(source.length + encoded.sentences);
  let write = 0;
  for (let read = 0; read < source.length; read++) {
    const id = source[read];
    if (id < 0) ids[write++] = endId;
    ids[write++] = id >= shiftFrom ? id + 1 : id;
  }
  return { vocabulary: target, ids: ids.subarray(0, write), tokens: encoded.words + encoded.sentences };
}

/** `vocabulary` with `word` (count `count`) placed after every word counted at least as often. */
function insertWord(vocabulary: Vocabulary, word: string, count: number): Vocabulary {
  const { words, counts } = vocabulary;
  let at = 0;
  while (at < words.length && counts[at] >= count) at++;
  const newWords = [...words.slice(0, at), word, ...words.slice(at)];
  const newCounts = new Float64Array(words.length + 1);
  newCounts.set(counts.subarray(0, at), 0);
  newCounts[at] = count;
  newCounts.set(counts.subarray(at), at + 1);
  return Vocabulary.fromTrustedParts(newWords, newCounts, vocabulary.hasSpecials);
}
