import { Embedding, Random, tokenize, Vocabulary } from '../../src/index.js';

// The sentence, split into words by the Chinese segmenter.
console.log(tokenize('猫是最爱的动物').join(' / '));

// The classic example's vocabulary: 猫 → 1, 是 → 2, 动物 → 3 (row 0 is kept for padding).
const vocabulary = Vocabulary.fromWords(['<pad>', '猫', '是', '动物'], undefined, { specials: false });
const ids = Int32Array.from(['猫', '是', '动物'], (word) => vocabulary.id(word));
console.log('ids:', ids.join(', '));

// V: one 3-dimensional vector per vocabulary row (4 × 3), random here.
const rng = new Random(42);
const V = Float32Array.from({ length: 4 * 3 }, () => Math.round(rng.uniform(-1, 1) * 100) / 100);

// X: one one-hot row per word (3 × 4), and W = X · V (3 × 3) by matrix multiplication.
const X = new Float32Array(3 * 4);
ids.forEach((id, i) => (X[i * 4 + id] = 1));
const W = new Float32Array(3 * 3);
for (let i = 0; i < 3; i++)
  for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) W[i * 3 + j] += X[i * 4 + k] * V[k * 3 + j];

// The Embedding layer gets the same W without multiplying: it copies row ids[i] of V.
const layer = new Embedding(4, 3, { weights: V });
layer.build([3], rng);
const gathered = layer.forward({ shape: [1, 3], data: ids }, false).data;

function show(name: string, m: ArrayLike<number>, cols: number): void {
  console.log(name);
  for (let r = 0; r < m.length / cols; r++) {
    console.log('  ' + Array.from({ length: cols }, (_, c) => m[r * cols + c].toFixed(2).padStart(5)).join(' '));
  }
}
show('X (one-hot rows)', X, 4);
show('V (the embedding matrix)', V, 3);
show('W = X · V', W, 3);
show('Embedding(ids): a row gather', gathered, 3);
console.log('identical:', W.every((value, i) => value === gathered[i]));
