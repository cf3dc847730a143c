import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';

/**
 * A small store whose geometry is known: words are sums of named features plus a little noise, so
 * animals sit together, fruits together, and king − man + woman ≈ queen. Chinese words share their
 * English counterparts' features.
 */
const FEATURES = ['animal', 'fruit', 'royal', 'male', 'female', 'pet', 'yellow', 'person'] as const;
const WORDS: Record<string, (typeof FEATURES)[number][]> = {
  cat: ['animal', 'pet'],
  dog: ['animal', 'pet'],
  mouse: ['animal'],
  horse: ['animal'],
  apple: ['fruit'],
  banana: ['fruit', 'yellow'],
  lemon: ['fruit', 'yellow'],
  cherry: ['fruit'],
  king: ['royal', 'male', 'person'],
  queen: ['royal', 'female', 'person'],
  man: ['male', 'person'],
  woman: ['female', 'person'],
  prince: ['royal', 'male', 'person'],
  princess: ['royal', 'female', 'person'],
  猫: ['animal', 'pet'],
  狗: ['animal', 'pet'],
  苹果: ['fruit'],
  香蕉: ['fruit', 'yellow'],
};

export function tinyStore(): KeyedVectors {
  const random = new Random(7);
  const words = Object.keys(WORDS);
  const dim = FEATURES.length;
  const vectors = new Float32Array(words.length * dim);
  words.forEach((word, i) => {
    for (const feature of WORDS[word]) vectors[i * dim + FEATURES.indexOf(feature)] += 1;
    for (let j = 0; j < dim; j++) vectors[i * dim + j] += 0.05 * random.normal();
  });
  return new KeyedVectors(words, vectors, dim);
}
