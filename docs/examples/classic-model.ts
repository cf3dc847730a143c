import { adam, Dense, Embedding, GlobalAveragePooling1D, padSequences, Sequential, tokenize, Vocabulary } from '../../src/index.js';

// A tiny sentiment set: 1 = positive, 0 = negative.
const train: [string, number][] = [
  ['a great film, I loved it', 1], ['wonderful acting and a great story', 1], ['loved every minute', 1],
  ['a wonderful, moving film', 1], ['great fun', 1], ['the best film this year', 1],
  ['a boring film, I hated it', 0], ['terrible acting and a dull story', 0], ['hated every minute', 0],
  ['a dull, boring mess', 0], ['terrible fun-free film', 0], ['the worst film this year', 0],
];
const tokens = train.map(([text]) => tokenize(text));
const vocabulary = await Vocabulary.build(tokens);
const x = padSequences(tokens.map((t) => vocabulary.encode(t)), { maxLen: 8, padding: 'post' });
const y = Float32Array.from(train, ([, label]) => label);

const model = new Sequential([
  new Embedding(vocabulary.size, 8, { maskZero: true, inputLength: 8 }),
  new GlobalAveragePooling1D(),
  new Dense(1, { activation: 'sigmoid' }),
]);
model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
console.log(model.summary());

const history = await model.fit(x, y, { epochs: 30, batchSize: 4, seed: 7 });
for (const epoch of [0, 9, 19, 29]) {
  console.log(`epoch ${epoch + 1}: loss ${history.history.loss[epoch].toFixed(4)}, accuracy ${history.history.accuracy[epoch].toFixed(2)}`);
}

const unseen = ['a great story', 'a dull film', 'I loved the acting'];
const probabilities = model.predict(padSequences(unseen.map((t) => vocabulary.encode(tokenize(t))), { maxLen: 8, padding: 'post' }));
unseen.forEach((text, i) => console.log(`${text.padEnd(20)} → ${probabilities[i].toFixed(3)}`));
