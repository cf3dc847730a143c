/**
 * The word vector file formats embedkit reads and writes (fastText's .vec is word2vec-text; `fasttext-bin` is
 * fastText's native model, with the subword buckets that give unseen words a vector).
 */
export type VectorFormat = 'word2vec-bin' | 'word2vec-text' | 'glove' | 'fasttext-bin';

export const VECTOR_FORMATS: readonly VectorFormat[] = ['word2vec-bin', 'word2vec-text', 'glove', 'fasttext-bin'];

export function isVectorFormat(value: string): value is VectorFormat {
  return (VECTOR_FORMATS as readonly string[]).includes(value);
}
