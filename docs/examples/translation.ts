import { languageSpace, trainBilingual, translateWords } from '../../src/index.js';

// A few English–Chinese sentence pairs (Tatoeba's layout has thousands; here a toy set, repeated).
const english = ['the cat drinks milk', 'the dog eats meat', 'I like my cat', 'my dog likes me', 'the cat sleeps', 'the dog runs',
  'I drink milk', 'we eat meat', 'the cat and the dog', 'I like milk', 'the dog drinks water', 'I drink water', 'we drink milk',
  'the cat likes milk'];
const chinese = ['猫喝牛奶', '狗吃肉', '我喜欢我的猫', '我的狗喜欢我', '猫在睡觉', '狗在跑', '我喝牛奶', '我们吃肉', '猫和狗', '我喜欢牛奶', '狗喝水', '我喝水', '我们喝牛奶',
  '猫喜欢牛奶'];
const pairs = english.map((en, i) => ({ english: en, chinese: chinese[i], line: i + 1 }));

// Each pair's tagged words (en:cat, zh:猫) are merged and shuffled into one context, so translations share contexts.
const { vectors } = await trainBilingual(pairs, { repeat: 200, dim: 20, window: 10, minCount: 1, epochs: 5, sample: 0, threads: 1, seed: 3 });
console.log(`${vectors.size} tagged words, e.g.`, vectors.words.slice(0, 6).join(' '));

const zh = languageSpace(vectors, { tag: 'zh' });
const en = languageSpace(vectors, { tag: 'en' });
// With a dozen pairs the margins are thin (the README has the figures on 23,000 real pairs).
for (const { word, translations } of translateWords(zh, en, ['猫', '狗', '牛奶', '肉'], { topn: 3 })) {
  console.log(word, '→', translations.map((t) => `${t.word} ${t.score.toFixed(2)}`).join(', '));
}
