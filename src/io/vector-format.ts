/** The word vector file formats embedkit reads and writes (fastText's .vec is word2vec-text). */
export type VectorFormat = 'word2vec-bin' | 'word2vec-text' | 'glove';

export const VECTOR_FORMATS: readonly VectorFormat[] = ['word2vec-bin', 'word2vec-text', 'glove'];

export function isVectorFormat(value: string): value is VectorFormat {
  return (VECTOR_FORMATS as readonly string[]).includes(value);
}
