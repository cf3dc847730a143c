import { padSequences, tokenize, Vocabulary } from '../../src/index.js';

const texts = ['我的猫是最爱的动物。', "The cat didn't sit on the mat.", 'My cat likes 3.14 kg of fish, 我的猫!'];
const tokenLists = texts.map((text) => tokenize(text));
for (const tokens of tokenLists) console.log(tokens.join(' / '));

// Ids by frequency (ties in code-point order); 0 = <pad>, 1 = <unk>.
const vocabulary = await Vocabulary.build(tokenLists, { minCount: 1 });
console.log(`${vocabulary.size} entries:`, vocabulary.words.slice(0, 8).join(' '), '…');

// Unknown words become <unk>; padSequences makes one rectangular Int32Array, as Keras' pad_sequences.
const sequences = [...tokenLists, tokenize('a dog on the mat')].map((tokens) => vocabulary.encode(tokens));
const batch = padSequences(sequences, { maxLen: 6, padding: 'post', truncating: 'post' });
for (let r = 0; r < batch.rows; r++) console.log(Array.from(batch.data.subarray(r * batch.cols, (r + 1) * batch.cols)).join(' '));
